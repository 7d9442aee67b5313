import Foundation

// Export (R-GDPR-1): every record with personal data of an account or an applicant, one archive.
extension PrivacyService {
    /// Everything held about `accountID` and its people (R-GDPR-1): the account, its application, its
    /// users, products, points, ledger, old CPS memberships, memberships, purchases, invoices, card
    /// charges, bank payments and credits; the application's evidence files; the mails to its users
    /// and its contact (bodies without links); the audit entries about each of these records. Never a
    /// password hash, a token nonce or a key. For a user of the account, a reviewer or the host.
    ///
    /// - Throws: ``PrivacyError`` `nothingToExport` (no such account); ``AuthorizationError``.
    public func exportAccount(_ accountID: BusinessAccount.ID, as principal: Principal) async throws -> PrivacyExport {
        try await context.read("privacy.exportAccount", as: principal) { unit in
            try await unit.authorize(.anyOf([.userOf(accountID: accountID), .reviewer, .system]))
            let store = context.store
            guard let account = try await store.fetch(BusinessAccount.self, id: accountID) else {
                throw PrivacyError(.nothingToExport, facts: ["subject": accountID.rawValue])
            }
            var exporter = PrivacyExporter(store: store)
            try exporter.add([account])
            var addresses: Set<String> = []
            if let application = try await store.fetch(BusinessAccountApplication.self, id: account.record.applicationID) {
                try exporter.add([application])
                addresses.insert(application.record.contactEmail.key)
                exporter.add(evidence: try await store.fetchAll(EvidenceFile.self, indexKey: EvidenceFile.byApplication(application.record.id)))
            }
            let users = try await store.fetchAll(AccountUser.self, indexKey: AccountUser.byAccount(accountID))
            try exporter.add(users)
            for user in users { addresses.insert(user.record.email.key) }
            try exporter.add(try await store.fetchAll(ProductRegistration.self, indexKey: ProductRegistration.byAccount(accountID)))
            if let points = try await store.fetch(PointsBalance.self, id: accountID) { try exporter.add([points]) }
            try exporter.add(try await store.fetchAll(LedgerEntry.self, indexKey: LedgerEntry.byAccount(accountID)))
            try exporter.add(try await store.fetchAll(LegacyMembership.self, indexKey: LegacyMembership.byAccount(accountID)))
            try exporter.add(try await store.fetchAll(Membership.self, indexKey: Membership.byAccount(accountID)))
            try exporter.add(try await store.fetchAll(MembershipPurchase.self, indexKey: MembershipPurchase.byAccount(accountID)))
            let invoices = try await store.fetchAll(Invoice.self, indexKey: Invoice.byAccount(accountID))
            try exporter.add(invoices)
            for invoice in invoices {
                try exporter.add(try await store.fetchAll(ChargeAttempt.self, indexKey: ChargeAttempt.byInvoice(invoice.record.id)))
                try exporter.add(try await store.fetchAll(IncomingPayment.self, indexKey: IncomingPayment.byInvoice(invoice.record.id)))
            }
            try exporter.add(try await store.fetchAll(AccountCredit.self, indexKey: AccountCredit.byAccount(accountID)))
            try await exporter.add(mailsTo: addresses)
            try await exporter.addAudit()
            return finish(exporter, kind: "account", subject: accountID.rawValue, at: unit.now)
        }
    }

    /// Everything held about the person with `email` as an applicant or an account user (R-GDPR-1):
    /// their applications (as contact) with evidence files, the account user with that address, the
    /// mails to it (bodies without links), and the audit entries about these records. For the
    /// applicant or the user with that address, a reviewer or the host.
    ///
    /// - Throws: ``PrivacyError`` `nothingToExport`; ``AuthorizationError``.
    public func exportApplicant(email: EmailAddress, as principal: Principal) async throws -> PrivacyExport {
        try await context.read("privacy.exportApplicant", as: principal) { unit in
            let store = context.store
            let user = try await store.record(holding: BusinessAccountApplication.emailKey(email))
                .flatMap { $0.kind == AccountUser.kind ? try RecordCoder.decode(AccountUser.self, from: $0) : nil }
            switch principal {
            case let .applicant(address) where address.key == email.key: break
            case let .accountUser(id) where user?.record.id.rawValue == id: break
            default: try await unit.authorize(.anyOf([.reviewer, .system]))
            }
            var exporter = PrivacyExporter(store: store)
            let applications = try await store.fetchAll(BusinessAccountApplication.self, indexKey: BusinessAccountApplication.byContact(email))
            try exporter.add(applications)
            for application in applications {
                exporter.add(evidence: try await store.fetchAll(EvidenceFile.self, indexKey: EvidenceFile.byApplication(application.record.id)))
            }
            if let user { try exporter.add([user]) }
            guard !exporter.files.isEmpty else { throw PrivacyError(.nothingToExport, facts: ["subject": email.address]) }
            try await exporter.add(mailsTo: [email.key])
            try await exporter.addAudit()
            return finish(exporter, kind: "applicant", subject: email.address, at: unit.now)
        }
    }

    private func finish(_ exporter: PrivacyExporter, kind: String, subject: String, at now: Date) -> PrivacyExport {
        let manifest = PrivacyExportManifest(format: "cps-privacy-export/1", subjectKind: kind, subject: subject, createdAt: now,
                                             files: exporter.entries, omitted: PrivacyExporter.omitted)
        return PrivacyExport(manifest: manifest, files: exporter.files)
    }
}
