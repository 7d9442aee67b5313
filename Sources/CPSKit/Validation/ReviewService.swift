import Foundation

/// The reviewer's side of validation (seed step 4; R-VAL-1…3, R-DOC-4, R-DOC-6): the queue with its
/// deadlines and overdue list, examining documents, and the decisions — approve (which creates the
/// account and mails the password link), reject, or ask for more information.
///
/// Only a ``Principal/reviewer(_:)-enum.case`` may call it. Every decision is one unit of work (R-UOW-1): one
/// atomic batch with its audit entry and mail, checked against the application as it was read. Of two
/// reviewers deciding the same application at once, one wins; the other's unit runs again, finds the
/// application decided and is refused with ``ApplicationError/Reason/wrongStatus`` — so exactly one
/// account and one mail exist.
public struct ReviewService: Sendable {
    let context: CPSContext

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// Applications awaiting a decision, the earliest deadline first (R-VAL-2).
    public func queue(as principal: Principal) async throws -> [ReviewQueueItem] {
        try await context.read("review.queue", as: principal) { unit in
            try await unit.authorize(.reviewer)
            let tz = context.policy.timeZone
            return try await context.store.fetchAll(BusinessAccountApplication.self,
                                                    indexKey: BusinessAccountApplication.awaitingDecisionIndex)
                .compactMap { stored -> ReviewQueueItem? in
                    guard let due = stored.record.decisionDueDay else { return nil }
                    let dueBy = due.end(in: tz)
                    return ReviewQueueItem(application: stored.record, dueDay: due, dueBy: dueBy, isOverdue: unit.now >= dueBy)
                }
                .sorted { ($0.dueBy, $0.application.id) < ($1.dueBy, $1.application.id) }
        }
    }

    /// Applications whose decision is overdue now (R-VAL-2).
    public func overdue(as principal: Principal) async throws -> [ReviewQueueItem] {
        try await queue(as: principal).filter(\.isOverdue)
    }

    /// Takes a submitted application into review (R-VAL-1).
    @discardableResult
    public func startReview(_ applicationID: BusinessAccountApplication.ID, as principal: Principal) async throws -> BusinessAccountApplication {
        try await context.transact("review.start", as: principal) { unit in
            try await unit.authorize(.reviewer)
            var stored = try await unit.application(applicationID)
            try await unit.authorize(.reviewerOf(stored.record))
            try unit.require(stored.record, in: [.submitted])
            stored.record.status = .inReview
            try unit.update(stored)
            try unit.audit(applicationID, "application.inReview")
            return stored.record
        }
    }

    /// The bytes of an evidence document, for the reviewer to look at.
    public func evidenceFile(_ documentID: EvidenceDocument.ID, of applicationID: BusinessAccountApplication.ID, as principal: Principal) async throws -> EvidenceFile {
        try await context.read("review.evidenceFile", as: principal) { unit in
            try await unit.authorize(.reviewer)
            try await unit.authorize(.reviewerOf(try await unit.application(applicationID).record))
            guard let file = try await unit.fetch(EvidenceFile.self, id: documentID),
                  file.record.applicationID == applicationID else {
                throw ApplicationError(.documentNotFound, applicationID: applicationID, facts: ["document": documentID.rawValue])
            }
            return file.record
        }
    }

    /// Records what a document visibly shows (R-DOC-4) and returns the evidence state (R-DOC-6).
    @discardableResult
    public func recordVisibleFields(_ fields: VisibleFields, on documentID: EvidenceDocument.ID, of applicationID: BusinessAccountApplication.ID,
                                    as principal: Principal) async throws -> EvidenceEvaluation {
        try await context.transact("review.visibleFields", as: principal) { unit in
            try await unit.authorize(.reviewer)
            var stored = try await unit.application(applicationID)
            try await unit.authorize(.reviewerOf(stored.record))
            try unit.require(stored.record, in: [.submitted, .inReview])
            guard let index = stored.record.documents.firstIndex(where: { $0.id == documentID }) else {
                throw ApplicationError(.documentNotFound, applicationID: applicationID, facts: ["document": documentID.rawValue])
            }
            stored.record.documents[index].visibleFields = fields
            try unit.update(stored)
            try unit.audit(applicationID, "evidence.examined", details: ["document": documentID.rawValue])
            return unit.evidenceEvaluation(of: stored.record)
        }
    }

    /// Approves the application (R-VAL-1, R-VAL-3): every evidence requirement must be satisfied. In
    /// one unit: the account, its superuser (the contact), a single-use password token, the
    /// automatic e-mail from the policy's sender in the contact's language, and the audit entry.
    public func approve(_ applicationID: BusinessAccountApplication.ID, as principal: Principal) async throws -> ApprovalResult {
        try await context.transact("review.approve", as: principal) { unit in
            try await unit.authorize(.reviewer)
            var stored = try await unit.application(applicationID)
            try await unit.authorize(.reviewerOf(stored.record))
            try unit.require(stored.record, in: [.submitted, .inReview])
            let evaluation = unit.evidenceEvaluation(of: stored.record)
            guard evaluation.isSatisfied else {
                throw ApplicationError(.evidenceIncomplete, applicationID: applicationID,
                                       facts: ["due": evaluation.currentlyDue.joined(separator: ", ")])
            }
            let application = stored.record
            let account = BusinessAccount(id: context.ids.next("account"), applicationID: application.id,
                                          companyName: application.companyName, address: application.address,
                                          vatStatus: application.vatStatus, oldCPSEmail: application.oldCPSEmail,
                                          createdAt: unit.now, vatLookup: application.vatLookup)
            let superuser = AccountUser(id: context.ids.next("user"), accountID: account.id, name: application.contactName,
                                        email: application.contactEmail, language: application.language, role: .superuser,
                                        createdAt: unit.now)
            stored.record.status = .approved
            stored.record.accountID = account.id
            stored.record.decidedAt = unit.now
            try unit.update(stored)
            try unit.insert(account)
            try unit.insert(superuser)
            let token = try await TokenIssuer(unit: unit).issue(for: superuser, purpose: .firstPassword)
            try unit.mail("accountReady", to: superuser, passwordLink: token, facts: [
                "company": account.companyName, "name": superuser.name,
                "hours": String(context.policy.passwords.tokenLifetimeHours), "accountID": account.id.rawValue,
            ])
            try unit.audit(applicationID, "application.approved", details: ["account": account.id.rawValue])
            return ApprovalResult(application: stored.record, account: account, superuser: superuser)
        }
    }

    /// Rejects the application with reasons, mailed to the contact (R-VAL-1, R-VAL-3). Its VAT number
    /// and e-mail are free again for a new application.
    @discardableResult
    public func reject(_ applicationID: BusinessAccountApplication.ID, reasons: String, as principal: Principal) async throws -> BusinessAccountApplication {
        try await decide(applicationID, to: .rejected, note: reasons, mail: "applicationRejected", as: principal)
    }

    /// Sends the application back to the applicant with a request (R-VAL-1); the applicant changes it
    /// and submits again, which restarts the SLA (R-VAL-2).
    @discardableResult
    public func requestMoreInformation(_ applicationID: BusinessAccountApplication.ID, message: String,
                                       as principal: Principal) async throws -> BusinessAccountApplication {
        try await decide(applicationID, to: .moreInformationRequested, note: message, mail: "moreInformation", as: principal)
    }

    // MARK: - Internals

    private func decide(_ applicationID: BusinessAccountApplication.ID, to status: ApplicationStatus, note: String, mail template: String,
                        as principal: Principal) async throws -> BusinessAccountApplication {
        try await context.read("review.decide", as: principal) { unit in try await unit.authorize(.reviewer) }
        let text: String
        do {
            text = try TextFieldRules.validate(note, field: "reason", maxLength: context.policy.fieldLimits.message)
        } catch {
            if error.reason == .missing { throw ApplicationError(.reasonRequired, applicationID: applicationID) }
            throw error
        }
        return try await context.transact("review.\(status.rawValue)", as: principal) { unit in
            try await unit.authorize(.reviewer)
            var stored = try await unit.application(applicationID)
            try await unit.authorize(.reviewerOf(stored.record))
            try unit.require(stored.record, in: [.submitted, .inReview])
            stored.record.status = status
            stored.record.decisionNote = text
            if status == .rejected { stored.record.decidedAt = unit.now }
            let application = stored.record
            try unit.update(stored)
            try unit.mail(template, toContactOf: application, facts: [
                "company": application.companyName, "name": application.contactName, "note": text,
                "applicationID": application.id.rawValue,
            ])
            try unit.audit(applicationID, "application.\(status.rawValue)", reason: text)
            return application
        }
    }
}
