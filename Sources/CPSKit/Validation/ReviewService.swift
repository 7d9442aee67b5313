import Foundation

/// The reviewer's side of validation (seed step 4; R-VAL-1…3, R-DOC-4, R-DOC-6): the queue with its
/// deadlines and overdue list, examining documents, and the decisions — approve (which creates the
/// account and mails the password link), reject, or ask for more information.
///
/// Only a ``Principal/reviewer(_:)`` may call it. Every decision is one atomic batch with its audit
/// entry and mail; of two reviewers deciding the same application at once, one wins and the other
/// gets a ``StorageError`` with reason `conflict`, so exactly one mail goes out.
public struct ReviewService: Sendable {
    let context: CPSContext
    private var onboarding: OnboardingService { OnboardingService(context) }
    private var access: AccessControl { AccessControl(store: context.store) }

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// Applications awaiting a decision, the earliest deadline first (R-VAL-2).
    public func queue(as principal: Principal) async throws -> [ReviewQueueItem] {
        try access.requireReviewer(principal)
        let now = context.time.now()
        let tz = context.policy.timeZone
        return try await context.store.fetchAll(BusinessAccountApplication.self, indexKey: BusinessAccountApplication.awaitingDecisionIndex)
            .compactMap { stored -> ReviewQueueItem? in
                guard let due = stored.record.decisionDueDay else { return nil }
                let dueBy = due.end(in: tz)
                return ReviewQueueItem(application: stored.record, dueDay: due, dueBy: dueBy, isOverdue: now >= dueBy)
            }
            .sorted { ($0.dueBy, $0.application.id) < ($1.dueBy, $1.application.id) }
    }

    /// Applications whose decision is overdue now (R-VAL-2).
    public func overdue(as principal: Principal) async throws -> [ReviewQueueItem] {
        try await queue(as: principal).filter(\.isOverdue)
    }

    /// Takes a submitted application into review (R-VAL-1).
    @discardableResult
    public func startReview(_ applicationID: String, as principal: Principal) async throws -> BusinessAccountApplication {
        try access.requireReviewer(principal)
        var stored = try await onboarding.load(applicationID, as: principal)
        try require(stored.record, in: [.submitted])
        stored.record.status = .inReview
        try await commit(stored, "application.inReview", principal)
        return stored.record
    }

    /// The bytes of an evidence document, for the reviewer to look at.
    public func evidenceFile(_ documentID: String, of applicationID: String, as principal: Principal) async throws -> EvidenceFile {
        try access.requireReviewer(principal)
        guard let file = try await context.store.fetch(EvidenceFile.self, id: documentID),
              file.record.applicationID == applicationID else {
            throw ApplicationError(.documentNotFound, applicationID: applicationID, facts: ["document": documentID])
        }
        return file.record
    }

    /// Records what a document visibly shows (R-DOC-4) and returns the evidence state (R-DOC-6).
    @discardableResult
    public func recordVisibleFields(_ fields: VisibleFields, on documentID: String, of applicationID: String,
                                    as principal: Principal) async throws -> EvidenceEvaluation {
        try access.requireReviewer(principal)
        var stored = try await onboarding.load(applicationID, as: principal)
        try require(stored.record, in: [.submitted, .inReview])
        guard let index = stored.record.documents.firstIndex(where: { $0.id == documentID }) else {
            throw ApplicationError(.documentNotFound, applicationID: applicationID, facts: ["document": documentID])
        }
        stored.record.documents[index].visibleFields = fields
        try await commit(stored, "evidence.examined", principal, details: ["document": documentID])
        return onboarding.evaluation(of: stored.record, at: context.time.now())
    }

    /// Approves the application (R-VAL-1, R-VAL-3): every evidence requirement must be satisfied. In
    /// one batch: the account, its superuser (the contact), a single-use password token, the
    /// automatic e-mail from the policy's sender in the contact's language, and the audit entry.
    public func approve(_ applicationID: String, as principal: Principal) async throws -> ApprovalResult {
        try access.requireReviewer(principal)
        var stored = try await onboarding.load(applicationID, as: principal)
        try require(stored.record, in: [.submitted, .inReview])
        let now = context.time.now()
        let evaluation = onboarding.evaluation(of: stored.record, at: now)
        guard evaluation.isSatisfied else {
            throw ApplicationError(.evidenceIncomplete, applicationID: applicationID,
                                   facts: ["due": evaluation.currentlyDue.joined(separator: ", ")])
        }
        let application = stored.record
        let account = BusinessAccount(id: context.ids.next("account"), applicationID: application.id,
                                      companyName: application.companyName, address: application.address,
                                      vatStatus: application.vatStatus, oldCPSEmail: application.oldCPSEmail,
                                      createdAt: now, vatLookup: application.vatLookup)
        let superuser = AccountUser(id: context.ids.next("user"), accountID: account.id, name: application.contactName,
                                    email: application.contactEmail, language: application.language, role: .superuser,
                                    createdAt: now)
        stored.record.status = .approved
        stored.record.accountID = account.id
        stored.record.decidedAt = now
        var batch = WriteBatch()
        try batch.update(stored)
        try batch.insert(account)
        try batch.insert(superuser)
        let issued = try await TokenIssuer(context: context).issue(for: superuser, purpose: .firstPassword, at: now, into: &batch)
        try batch.insert(onboarding.composer.compose(
            "accountReady", to: MailAddress(superuser.email, name: superuser.name), language: superuser.language,
            facts: ["company": account.companyName, "name": superuser.name, "link": issued.link,
                    "hours": String(context.policy.passwords.tokenLifetimeHours), "accountID": account.id],
            date: now))
        try batch.insert(onboarding.audit(applicationID, "application.approved", principal, now, details: ["account": account.id]))
        try await context.store.commit(batch)
        return ApprovalResult(application: stored.record, account: account, superuser: superuser)
    }

    /// Rejects the application with reasons, mailed to the contact (R-VAL-1, R-VAL-3). Its VAT number
    /// and e-mail are free again for a new application.
    @discardableResult
    public func reject(_ applicationID: String, reasons: String, as principal: Principal) async throws -> BusinessAccountApplication {
        try await decide(applicationID, to: .rejected, note: reasons, mail: "applicationRejected", as: principal)
    }

    /// Sends the application back to the applicant with a request (R-VAL-1); the applicant changes it
    /// and submits again, which restarts the SLA (R-VAL-2).
    @discardableResult
    public func requestMoreInformation(_ applicationID: String, message: String,
                                       as principal: Principal) async throws -> BusinessAccountApplication {
        try await decide(applicationID, to: .moreInformationRequested, note: message, mail: "moreInformation", as: principal)
    }

    // MARK: - Internals

    private func decide(_ applicationID: String, to status: ApplicationStatus, note: String, mail template: String,
                        as principal: Principal) async throws -> BusinessAccountApplication {
        try access.requireReviewer(principal)
        let text: String
        do {
            text = try TextFieldRules.validate(note, field: "reason", maxLength: context.policy.fieldLimits.message)
        } catch {
            if error.reason == .missing { throw ApplicationError(.reasonRequired, applicationID: applicationID) }
            throw error
        }
        var stored = try await onboarding.load(applicationID, as: principal)
        try require(stored.record, in: [.submitted, .inReview])
        let now = context.time.now()
        stored.record.status = status
        stored.record.decisionNote = text
        if status == .rejected { stored.record.decidedAt = now }
        let application = stored.record
        var batch = WriteBatch()
        try batch.update(stored)
        try batch.insert(onboarding.composer.compose(
            template, to: MailAddress(application.contactEmail, name: application.contactName), language: application.language,
            facts: ["company": application.companyName, "name": application.contactName, "note": text,
                    "applicationID": application.id],
            date: now))
        try batch.insert(onboarding.audit(applicationID, "application.\(status.rawValue)", principal, now, reason: text))
        try await context.store.commit(batch)
        return application
    }

    private func commit(_ stored: Stored<BusinessAccountApplication>, _ action: String, _ principal: Principal,
                        details: [String: String] = [:]) async throws {
        var batch = WriteBatch()
        try batch.update(stored)
        try batch.insert(onboarding.audit(stored.record.id, action, principal, context.time.now(), details: details))
        try await context.store.commit(batch)
    }

    private func require(_ application: BusinessAccountApplication, in statuses: Set<ApplicationStatus>) throws(ApplicationError) {
        guard statuses.contains(application.status) else {
            throw ApplicationError(.wrongStatus, applicationID: application.id, facts: ["status": application.status.rawValue])
        }
    }
}
