import Foundation

/// The applicant's side of the business-account application (seed steps 1–4; R-ACC-1…4, R-DOC-1…6,
/// R-VAL-1, R-VAL-2): fill in the form, attach evidence, submit, see what is missing and when to
/// expect a decision.
///
/// ```swift
/// let onboarding = OnboardingService(context)
/// let applicant = Principal.applicant(try EmailAddress("anna@foto.se"))
/// let application = try await onboarding.createApplication(form, as: applicant)
/// try await onboarding.addEvidence(to: application.id, kind: .companyInvoice,
///                                  fileName: "faktura.pdf", bytes: pdf, as: applicant)
/// let receipt = try await onboarding.submit(application.id, as: applicant)
/// print(receipt.deadline.dueDay) // the expected decision date
/// ```
///
/// Every call checks its principal, refuses bad input with a typed error before writing anything, and
/// writes state, audit entry and mails in one atomic batch.
public struct OnboardingService: Sendable {
    let context: CPSContext
    private var access: AccessControl { AccessControl(store: context.store) }

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// Checks `form` and stores a draft application (R-ACC-1…4).
    ///
    /// Refused with ``InputError`` (a bad field, named), ``VATNumberError`` (R-VAT-1) or
    /// ``ApplicationError`` (country not participating, duplicate VAT number or e-mail). The
    /// principal must be the applicant whose e-mail is the form's contact e-mail.
    @discardableResult
    public func createApplication(_ form: ApplicationForm, as principal: Principal) async throws -> BusinessAccountApplication {
        let limits = context.policy.fieldLimits
        let companyName = try TextFieldRules.validate(form.companyName, field: "companyName", maxLength: limits.companyName)
        let address = try PostalAddress(street: form.street, postalCode: form.postalCode, city: form.city,
                                        country: form.country, limits: limits)
        let vatStatus: VATStatus
        if let raw = form.vatNumber, !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            vatStatus = .registered(try VATNumber(raw))
        } else {
            vatStatus = .notRegistered
        }
        let contactName = try TextFieldRules.validate(form.contactName, field: "contactName", maxLength: limits.personName)
        let email = try EmailAddress(form.contactEmail, field: "contactEmail")
        let languageCode = form.contactLanguage.trimmingCharacters(in: .whitespaces)
        guard languageCode.count >= 2, languageCode.count <= 8,
              languageCode.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "_") }) else {
            throw InputError(.invalidCharacters, field: "contactLanguage", value: form.contactLanguage)
        }
        let role = try TextFieldRules.validate(form.applicantRole, field: "applicantRole", maxLength: limits.role)
        var oldEmail: EmailAddress?
        if let raw = form.oldCPSEmail, !raw.trimmingCharacters(in: .whitespaces).isEmpty {
            oldEmail = try EmailAddress(raw, field: "oldCPSEmail")
        }
        guard context.policy.isParticipating(address.country) else {
            throw ApplicationError(.countryNotParticipating, facts: ["country": address.country.code])
        }
        guard case .applicant(let who) = principal, who == email else {
            throw AuthorizationError(.applicantOnly, principal: principal)
        }
        let now = context.time.now()
        let application = BusinessAccountApplication(
            id: context.ids.next("application"), status: .draft, companyName: companyName, address: address,
            vatStatus: vatStatus, contactName: contactName, contactEmail: email, language: Language(languageCode),
            applicantRole: role, attestedAt: form.attestsAuthority ? now : nil, oldCPSEmail: oldEmail, createdAt: now)
        var batch = WriteBatch()
        try batch.insert(application)
        try batch.insert(audit(application.id, "application.created", principal, now))
        do {
            try await context.store.commit(batch)
        } catch {
            throw Self.duplicate(error, application)
        }
        return application
    }

    /// The application, for its applicant or a reviewer.
    public func application(_ id: String, as principal: Principal) async throws -> BusinessAccountApplication {
        try await load(id, as: principal).record
    }

    /// Attaches an evidence file (R-DOC-5): recognised by content as PDF, JPEG or PNG, non-empty, at
    /// most the policy's size. The bytes are stored as an ``EvidenceFile`` record. Only while the
    /// application is a draft or more information was requested.
    @discardableResult
    public func addEvidence(to applicationID: String, kind: EvidenceKind, fileName: String, bytes: Data,
                            as principal: Principal) async throws -> EvidenceDocument {
        var stored = try await load(applicationID, as: principal, applicantOnly: true)
        try requireEditable(stored.record)
        let name = try TextFieldRules.validate(fileName, field: "fileName", maxLength: 255)
        let mediaType = try FileInspection.inspect(bytes, maximumBytes: context.policy.evidence.maximumFileBytes).get()
        let now = context.time.now()
        let document = EvidenceDocument(id: context.ids.next("document"), kind: kind, fileName: name, mediaType: mediaType,
                                        byteCount: bytes.count, sha256: SHA256.hexDigest(bytes), addedAt: now)
        stored.record.documents.append(document)
        var batch = WriteBatch()
        try batch.update(stored)
        try batch.insert(EvidenceFile(id: document.id, applicationID: applicationID, mediaType: mediaType, bytes: bytes))
        try batch.insert(audit(applicationID, "evidence.added", principal, now,
                               details: ["document": document.id, "kind": kind.rawValue, "type": mediaType.rawValue]))
        try await context.store.commit(batch)
        return document
    }

    /// Removes an evidence document and its file, while the application is editable.
    public func removeEvidence(_ documentID: String, from applicationID: String, as principal: Principal) async throws {
        var stored = try await load(applicationID, as: principal, applicantOnly: true)
        try requireEditable(stored.record)
        guard stored.record.documents.contains(where: { $0.id == documentID }),
              let file = try await context.store.fetch(EvidenceFile.self, id: documentID) else {
            throw ApplicationError(.documentNotFound, applicationID: applicationID, facts: ["document": documentID])
        }
        stored.record.documents.removeAll { $0.id == documentID }
        var batch = WriteBatch()
        try batch.update(stored)
        batch.delete(file)
        try batch.insert(audit(applicationID, "evidence.removed", principal, context.time.now(), details: ["document": documentID]))
        try await context.store.commit(batch)
    }

    /// Submits (or, after a request for more information, resubmits) the application (R-VAL-1,
    /// R-VAL-2): it needs the authority attestation and at least one evidence file. The SLA starts
    /// (again) from this submission; the applicant is mailed the expected decision date.
    public func submit(_ applicationID: String, as principal: Principal) async throws -> SubmissionReceipt {
        var stored = try await load(applicationID, as: principal, applicantOnly: true)
        try requireEditable(stored.record)
        guard stored.record.attestedAt != nil else { throw ApplicationError(.attestationMissing, applicationID: applicationID) }
        guard !stored.record.documents.isEmpty else { throw ApplicationError(.noEvidence, applicationID: applicationID) }
        let now = context.time.now()
        let policy = context.policy
        let slaCountry = policy.validation.slaCountry ?? stored.record.address.country
        let deadline = ValidationDeadline(submittedAt: now, policy: policy.validation, timeZone: policy.timeZone,
                                          calendar: context.calendars.calendar(for: slaCountry))
        let previous = stored.record.status
        // R-VAT-2: ask the registry (if any) and keep its answer with its time; "unavailable" never
        // counts as invalid, and an "invalid" answer is for the reviewer to weigh, not a refusal here.
        if let registry = context.vatRegistry, let number = stored.record.vatStatus.number {
            stored.record.vatLookup = await registry.record(number, at: context.time)
        }
        stored.record.status = .submitted
        stored.record.submittedAt = now
        stored.record.submissionDay = deadline.submissionDay
        stored.record.decisionDueDay = deadline.dueDay
        stored.record.slaCountry = slaCountry
        let application = stored.record
        let mail = composer.compose(
            "applicationReceived", to: MailAddress(application.contactEmail, name: application.contactName),
            language: application.language,
            facts: ["company": application.companyName, "applicationID": application.id,
                    "workingDays": String(policy.validation.slaWorkingDays),
                    "dueDate": DayFormatter(catalog: context.catalog).long(deadline.dueDay, in: application.language),
                    "sender": policy.mail.sender.address],
            date: now)
        var batch = WriteBatch()
        try batch.update(stored)
        try batch.insert(mail)
        try batch.insert(audit(applicationID, previous == .draft ? "application.submitted" : "application.resubmitted",
                               principal, now, details: submissionDetails(deadline, slaCountry, stored.record.vatLookup)))
        try await context.store.commit(batch)
        return SubmissionReceipt(application: application, deadline: deadline, evidence: evaluation(of: application, at: now))
    }

    /// The state of every evidence requirement (R-DOC-6), for the applicant or a reviewer.
    public func evidence(of applicationID: String, as principal: Principal) async throws -> EvidenceEvaluation {
        let application = try await load(applicationID, as: principal).record
        return evaluation(of: application, at: context.time.now())
    }

    // MARK: - Internals shared with the review service

    private func submissionDetails(_ deadline: ValidationDeadline, _ country: CountryCode,
                                   _ lookup: VATLookupRecord?) -> [String: String] {
        var details = ["dueDay": deadline.dueDay.description, "slaCountry": country.code]
        if let lookup {
            details["vatLookup"] = lookup.countsAsInvalid ? "invalid" : (lookup.outcome.isConfirmed ? "valid" : "unavailable")
            details["vatLookupAt"] = ISO8601DateFormatter().string(from: lookup.checkedAt)
        }
        return details
    }

    func evaluation(of application: BusinessAccountApplication, at now: Date) -> EvidenceEvaluation {
        EvidenceEvaluator.evaluate(application.documents, for: application.evidenceApplicant, policy: context.policy.evidence,
                                   referenceDay: application.submissionDay ?? CalendarDay(now, in: context.policy.timeZone))
    }

    var composer: MailComposer { MailComposer(policy: context.policy.mail, catalog: context.catalog, ids: context.ids) }

    func audit(_ subject: String, _ action: String, _ principal: Principal, _ at: Date,
               reason: String? = nil, details: [String: String] = [:]) -> AuditEntry {
        AuditEntry(id: context.ids.next("audit"), subject: subject, action: action, actor: principal, at: at,
                   reason: reason, details: details)
    }

    func load(_ id: String, as principal: Principal, applicantOnly: Bool = false) async throws -> Stored<BusinessAccountApplication> {
        guard let stored = try await context.store.fetch(BusinessAccountApplication.self, id: id) else {
            if case .reviewer = principal { throw ApplicationError(.notFound, applicationID: id) }
            throw AuthorizationError(.applicantOnly, principal: principal)
        }
        if applicantOnly {
            try access.requireApplicant(principal, of: stored.record)
        } else {
            try access.requireApplicantOrReviewer(principal, of: stored.record)
        }
        return stored
    }

    private func requireEditable(_ application: BusinessAccountApplication) throws(ApplicationError) {
        guard application.status.isEditableByApplicant else {
            throw ApplicationError(.wrongStatus, applicationID: application.id, facts: ["status": application.status.rawValue])
        }
    }

    /// A unique-key refusal as the duplicate it means (R-ACC-4); any other error unchanged.
    static func duplicate(_ error: StorageError, _ application: BusinessAccountApplication) -> any Error {
        guard error.reason == .uniqueKeyTaken else { return error }
        let key = error.subject ?? ""
        if key.hasPrefix("vat:") {
            return ApplicationError(.duplicateVATNumber, facts: ["vat": application.vatStatus.number?.compact ?? key])
        }
        if key.hasPrefix("email:") {
            return ApplicationError(.duplicateEmail, facts: ["email": application.contactEmail.address])
        }
        return error
    }
}
