import Foundation

// Erasure (R-GDPR-2): a person's personal data pseudonymised everywhere the registry lists it, in
// one unit of work, except what the law keeps.
extension PrivacyService {
    /// Erases the person with `email` (R-GDPR-2): the account user with that address (and removed
    /// users that had it) and every application with it as contact, in one unit of work.
    ///
    /// - The user's name and address become a random pseudonym (`erased-…`, `…@erased.invalid`), its
    ///   language English; it is removed, so it cannot sign in and the address is free again; its
    ///   password credential, tokens and reset requests are deleted. Other users of the account are
    ///   unaffected.
    /// - Each application's contact name, address, role, old CPS address, decision note, document
    ///   names and recorded document fields are pseudonymised and its evidence files deleted; an
    ///   application without an account (rejected) loses its company name, address and VAT look-up too.
    /// - The mails to the address keep only their template, date and status (a waiting one is not sent).
    /// - Idempotency answers holding the person's values are deleted.
    /// - Every audit entry of the user and the applications, and every other entry whose reason or
    ///   facts name the person, loses its personal part: the chains still verify (R-GDPR-3).
    /// - Invoices, purchases, payments and the account's company data are kept (their retention).
    ///
    /// The erasure is audited `privacy.erased` under the receipt's ID, with IDs and counts only, and
    /// `user.erased` / `application.erased` on each record's own chain.
    ///
    /// For the person (as the applicant or that user), a superuser of the user's account, a reviewer
    /// or the host.
    ///
    /// - Throws: ``PrivacyError`` `nothingToErase` (nothing stored with that address),
    ///   `onLegalHold` (an application of the person is on legal hold), `applicationOpen` (an
    ///   application awaits its decision), `onlySuperuser` (the account's only active superuser);
    ///   ``AuthorizationError``.
    @discardableResult
    public func erase(email: EmailAddress, as principal: Principal) async throws -> ErasureReceipt {
        try await context.transact("privacy.erase", as: principal) { unit in
            let user = try await unit.fetch(AccountUser.self, holding: BusinessAccountApplication.emailKey(email))
            // Removed users keep their address in the record: they are the person's too.
            let removed = try await unit.fetchAll(AccountUser.self, indexKey: AccountUser.byEmail(email))
                .filter { $0.record.status == .removed && $0.record.email == email }
            let applications = try await unit.fetchAll(BusinessAccountApplication.self, indexKey: BusinessAccountApplication.byContact(email))
            switch principal {
            case let .applicant(address) where address.key == email.key: break
            case let .accountUser(id) where user?.record.id.rawValue == id:
                try await unit.authorize(.userOf(accountID: user?.record.accountID ?? ""))
            default:
                try await unit.authorize(.anyOf([.reviewer, .system] + (user.map { [.superuserOf(accountID: $0.record.accountID)] } ?? [])))
            }
            guard user != nil || !removed.isEmpty || !applications.isEmpty else {
                throw PrivacyError(.nothingToErase, facts: ["subject": email.address])
            }
            for application in applications {
                if let hold = try await unit.fetch(LegalHold.self, id: application.record.id) {
                    throw PrivacyError(.onLegalHold, applicationID: application.record.id,
                                       facts: ["since": CalendarDay(hold.record.placedAt, in: unit.policy.timeZone).description])
                }
                if application.record.status.isOpen {
                    throw PrivacyError(.applicationOpen, applicationID: application.record.id)
                }
            }
            if let user, user.record.role == .superuser, user.record.status == .active,
               try await unit.activeSuperusers(of: user.record.accountID).allSatisfy({ $0.id == user.record.id }) {
                throw PrivacyError(.onlySuperuser)
            }
            var eraser = try PersonalDataEraser(unit: unit, reason: .request)
            if let user { try await eraser.erase(user) }
            for stored in removed where stored.record.id != user?.record.id { try await eraser.erase(stored) }
            for application in applications {
                try await eraser.erase(application, companyToo: application.record.accountID == nil)
            }
            return try await finish(&eraser, addresses: [email], in: unit)
        }
    }

    /// Erases an account's people (R-GDPR-2): cancels its membership at the end of the current term
    /// (no renewal; reason `other`), and erases every user of the account — superusers included, and
    /// removed users — and the account's application's contact as ``erase(email:as:)`` does, in one unit
    /// of work. The account's company data, memberships, invoices and payments stay (the law keeps
    /// them; the invoices' buyer is pseudonymised when their years end). Audited `privacy.erased`
    /// under the receipt's ID and `account.erased` on the account.
    ///
    /// For a superuser of the account, a reviewer or the host.
    ///
    /// - Throws: ``PrivacyError`` `nothingToErase` (no such account), `onLegalHold` (its application
    ///   is on legal hold); ``MembershipError`` `renewalAlreadyCharged` (the renewal was charged:
    ///   refund or wait for the term to end first); ``AuthorizationError``.
    @discardableResult
    public func eraseAccount(_ accountID: BusinessAccount.ID, as principal: Principal) async throws -> ErasureReceipt {
        try await context.transact("privacy.eraseAccount", as: principal) { unit in
            try await unit.authorize(.anyOf([.superuserOf(accountID: accountID), .reviewer, .system]))
            guard let account = try await unit.fetch(BusinessAccount.self, id: accountID) else {
                throw PrivacyError(.nothingToErase, facts: ["subject": accountID.rawValue])
            }
            let applicationID = account.record.applicationID
            if let hold = try await unit.fetch(LegalHold.self, id: applicationID) {
                throw PrivacyError(.onLegalHold, applicationID: applicationID,
                                   facts: ["since": CalendarDay(hold.record.placedAt, in: unit.policy.timeZone).description])
            }
            do {
                _ = try await MembershipService.cancelCurrentTerm(of: accountID, reason: .other, note: nil, in: unit)
            } catch let error as MembershipError where [.noCurrentMembership, .alreadyCancelled].contains(error.reason) {
                // Nothing running, or already ending: nothing to cancel.
            }
            var eraser = try PersonalDataEraser(unit: unit, reason: .request)
            let users = try await unit.fetchAll(AccountUser.self, indexKey: AccountUser.byAccount(accountID))
            for user in users { try await eraser.erase(user) }
            var addresses = users.map(\.record.email)
            if let application = try await unit.fetch(BusinessAccountApplication.self, id: applicationID),
               application.record.personalDataErasedAt == nil {
                addresses.append(application.record.contactEmail)
                try await eraser.erase(application, companyToo: false)
            }
            try unit.audit(accountID, "account.erased", details: ["receipt": eraser.receipt.id])
            return try await finish(&eraser, addresses: addresses, in: unit)
        }
    }

    /// The common end of an erasure: mails, idempotency answers, the audit, and the erasure's own
    /// entries (no personal data in them).
    func finish(_ eraser: inout PersonalDataEraser, addresses: [EmailAddress], in unit: UnitOfWork) async throws -> ErasureReceipt {
        try await eraser.eraseMails(to: addresses)
        try await eraser.eraseIdempotencyAnswers()
        try await eraser.eraseAudit()
        let receipt = eraser.receipt
        for userID in receipt.users { try unit.audit(userID, "user.erased", details: ["receipt": receipt.id]) }
        for applicationID in receipt.applications {
            try unit.audit(applicationID, "application.erased", details: ["receipt": receipt.id])
        }
        try unit.audit(receipt.id, "privacy.erased", details: receipt.auditFacts)
        return receipt
    }
}
