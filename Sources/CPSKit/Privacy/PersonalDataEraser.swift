import Foundation

/// Replaces one person's personal data inside one unit of work (R-GDPR-2): the fields
/// ``PersonalDataRegistry`` lists for the records that hold them are pseudonymised (a random
/// pseudonym, never a hash of the value), secrets and copies deleted, and the personal part of every
/// audit entry that names the person erased — the chain keeps its commitments and still verifies
/// (R-GDPR-3). Invoices and what they need are not touched: the law keeps them (their own retention
/// step pseudonymises them later).
///
/// Every record is written at most once; the caller audits the erasure itself, without the values.
struct PersonalDataEraser {
    let unit: UnitOfWork
    /// The pseudonym replacing names (`erased-` and 16 random hex digits).
    let pseudonym: String
    /// The address replacing e-mail addresses (`<pseudonym>@erased.invalid`).
    let pseudonymAddress: EmailAddress
    /// Lower-cased values whose appearance in an audit entry's personal part or an idempotency answer
    /// marks it as the person's.
    private(set) var needles: Set<String> = []
    /// Audit subjects whose whole chain is the person's (their user, their applications).
    private(set) var subjects: Set<String> = []
    private var deletedRequests: Set<String> = []
    /// What was erased so far.
    private(set) var receipt: ErasureReceipt

    /// A placeholder for mail text and free text that was erased.
    static let erasedText = "[erased]"

    init(unit: UnitOfWork, reason: ErasureReceipt.Reason) throws {
        self.unit = unit
        pseudonym = "erased-" + unit.context.random.bytes(8).lowercaseHex
        pseudonymAddress = try EmailAddress("\(pseudonym)@erased.invalid")
        receipt = ErasureReceipt(id: unit.context.ids.next("erasure"), reason: reason, erasedAt: unit.now)
    }

    /// Marks `values` (names, addresses) as the person's for the audit and idempotency scans.
    mutating func remember(_ values: [String]) {
        for value in values {
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            // A value this short would match unrelated text: the person's own records are found by ID.
            if trimmed.count >= 5 { needles.insert(trimmed) }
        }
    }

    /// The user pseudonymised and removed (it cannot sign in, holds no e-mail), its credential,
    /// password tokens and reset requests deleted.
    mutating func erase(_ stored: Stored<AccountUser>) async throws {
        var user = stored
        remember([user.record.name, user.record.email.key])
        subjects.insert(user.record.id.rawValue)
        user.record.name = pseudonym
        user.record.email = pseudonymAddress
        user.record.language = .english
        user.record.status = .removed
        try unit.update(user)
        if let credential = try await unit.fetch(IdentityCredential.self, id: user.record.id.rawValue) { try unit.delete(credential) }
        for token in try await unit.fetchAll(PasswordToken.self, indexKey: PasswordToken.byUser(user.record.id)) {
            try unit.delete(token)
        }
        let fingerprint = unit.context.tokenKeys.fingerprint(stored.record.email.key)
        for request in try await unit.fetchAll(PasswordResetRequest.self)
        where request.record.unpaddedTarget == user.record.id.rawValue || request.record.addressFingerprint == fingerprint {
            guard deletedRequests.insert(request.record.id).inserted else { continue } // two users with one address
            try unit.delete(request)
        }
        receipt.users.append(user.record.id)
    }

    /// The application's contact pseudonymised (and the old CPS address on its account), its
    /// documents' names and recorded fields removed, its evidence files deleted; with `companyToo` (an application without an account: a rejected
    /// one) the company's name, address and VAT look-up as well.
    mutating func erase(_ stored: Stored<BusinessAccountApplication>, companyToo: Bool) async throws {
        var application = stored
        let record = application.record
        remember([record.contactName, record.contactEmail.key, record.oldCPSEmail?.key ?? ""] + (companyToo ? [record.companyName] : []))
        subjects.insert(record.id.rawValue)
        application.record.contactName = pseudonym
        application.record.contactEmail = pseudonymAddress
        application.record.applicantRole = Self.erasedText
        application.record.oldCPSEmail = nil
        application.record.decisionNote = record.decisionNote == nil ? nil : Self.erasedText
        for index in application.record.documents.indices {
            application.record.documents[index].fileName = "document-\(index + 1)"
            application.record.documents[index].visibleFields = nil
        }
        if companyToo {
            application.record.companyName = pseudonym
            application.record.address = PostalAddress(unchecked: Self.erasedText, postalCode: Self.erasedText, city: Self.erasedText,
                                                        country: record.address.country)
            application.record.vatLookup = nil
        }
        // The old CPS address the contact gave is theirs, also where the account keeps it.
        if let accountID = record.accountID, let oldAddress = record.oldCPSEmail,
           var account = try await unit.fetch(BusinessAccount.self, id: accountID), account.record.oldCPSEmail == oldAddress {
            account.record.oldCPSEmail = nil
            try unit.update(account)
        }
        let files = try await unit.fetchAll(EvidenceFile.self, indexKey: EvidenceFile.byApplication(record.id))
        for file in files { try unit.delete(file) }
        if record.decidedAt != nil && record.evidenceDeletedAt == nil { application.record.evidenceDeletedAt = unit.now }
        application.record.personalDataErasedAt = unit.now
        try unit.update(application)
        receipt.applications.append(record.id)
        receipt.evidenceFiles += files.count
    }

    /// Every mail to one of `addresses`: recipient pseudonymised, subject, body, facts and
    /// attachments erased; a mail still waiting is not sent (`failed`). A mail to someone else whose
    /// text names the person (an invitation naming its inviter) keeps its recipient and loses its
    /// text the same way.
    mutating func eraseMails(to addresses: [EmailAddress]) async throws {
        let keys = Set(addresses.map(\.key))
        for var mail in try await unit.fetchAll(OutboxMail.self) {
            let message = mail.record.message
            let toPerson = message.to.contains { keys.contains($0.email.key) }
            let texts = [message.subject, message.body] + message.facts.values.map { $0 }
            guard toPerson || texts.contains(where: mentions) else { continue }
            if toPerson {
                mail.record.message.to = message.to.map { keys.contains($0.email.key) ? MailAddress(pseudonymAddress) : $0 }
            }
            mail.record.message.subject = Self.erasedText
            mail.record.message.body = Self.erasedText
            mail.record.message.facts = [:]
            mail.record.message.attachments = []
            if mail.record.status == .pending {
                mail.record.status = .failed
                mail.record.lastError = toPerson ? "recipient erased" : "erased"
            }
            try unit.update(mail)
            receipt.mails += 1
        }
    }

    /// Deletes the idempotency answers that hold one of the person's values (a user added with a key
    /// keeps the answer, the user, for the idempotency window).
    mutating func eraseIdempotencyAnswers() async throws {
        guard !needles.isEmpty else { return }
        for record in try await unit.fetchAll(IdempotencyRecord.self) {
            if mentions(String(decoding: record.record.result, as: UTF8.self)) { try unit.delete(record) }
        }
    }

    /// Erases the personal part of every audit entry of the person's subjects and of every other
    /// entry whose reason or facts hold one of the person's values (R-GDPR-2, R-GDPR-3).
    mutating func eraseAudit() async throws {
        for entry in try await unit.fetchAll(AuditEntry.self) where !entry.record.isErased && names(entry.record) {
            try unit.update(Stored(record: entry.record.erasingPersonalPart(), version: entry.version))
            receipt.auditEntries += 1
        }
    }

    /// Erases the personal part of the audit entries of the person's subjects only.
    mutating func eraseOwnAudit() async throws {
        for subject in subjects.sorted() {
            for entry in try await unit.fetchAll(AuditEntry.self, indexKey: AuditEntry.bySubject("\(subject)")) where !entry.record.isErased {
                try unit.update(Stored(record: entry.record.erasingPersonalPart(), version: entry.version))
                receipt.auditEntries += 1
            }
        }
    }

    private func names(_ entry: AuditEntry) -> Bool {
        subjects.contains(entry.subject) || ([entry.reason ?? ""] + entry.details.values.map { $0 }).contains(where: mentions)
    }

    /// Whether `text` holds one of the person's values, ignoring case.
    private func mentions(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return needles.contains { lowered.contains($0) }
    }
}
