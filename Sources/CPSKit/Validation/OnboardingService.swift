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
/// runs as one unit of work (R-UOW-1): state, audit entry and mails in one atomic batch that also
/// checks what the decision read.
public struct OnboardingService: Sendable {
    let context: CPSContext

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
        // R-ACC-3: `nil` is "not VAT-registered"; a given but empty number is an input error.
        let vatStatus: VATStatus
        if let raw = form.vatNumber {
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
        if let territory = context.policy.excludedTerritory(of: address) {
            throw ApplicationError(.excludedTerritory, facts: ["territory": territory.code, "country": address.country.code])
        }
        if case .registered(let number) = vatStatus, !Self.vatNumber(number, fits: address) {
            throw ApplicationError(.vatCountryMismatch, facts: ["vat": number.compact, "vatCountry": number.country.code,
                                                                "country": address.country.code])
        }
        guard case .applicant(let who) = principal, who == email else {
            throw AuthorizationError(.applicantOnly, principal: principal)
        }
        var draft: BusinessAccountApplication?
        do {
            return try await context.transact("application.create", as: principal) { unit in
                let application = BusinessAccountApplication(
                    id: context.ids.next("application"), status: .draft, companyName: companyName, address: address,
                    vatStatus: vatStatus, contactName: contactName, contactEmail: email, language: Language(languageCode),
                    applicantRole: role, attestedAt: form.attestsAuthority ? unit.now : nil, oldCPSEmail: oldEmail,
                    createdAt: unit.now)
                draft = application
                try unit.insert(application)
                try unit.audit(application.id, "application.created")
                return application
            }
        } catch let error as StorageError {
            guard let draft else { throw error }
            throw await duplicate(error, draft)
        }
    }

    /// Whether `number` is a VAT number of the company's country (R-ACC-3): `EL` and `GR` are Greek,
    /// `CHE` Swiss; `XI` (Northern Ireland) only with a GB address whose postal code starts with BT.
    static func vatNumber(_ number: VATNumber, fits address: PostalAddress) -> Bool {
        guard number.country == address.country else { return false }
        if number.prefix == "XI" { return ExcludedTerritory.compact(address.postalCode).hasPrefix("BT") }
        return true
    }

    /// The application, for its applicant or a reviewer.
    public func application(_ id: BusinessAccountApplication.ID, as principal: Principal) async throws -> BusinessAccountApplication {
        try await context.read("application.view", as: principal) { unit in try await unit.application(id).record }
    }

    /// Attaches an evidence file (R-DOC-5): recognised by content as PDF, JPEG or PNG, non-empty, at
    /// most the policy's size. The bytes are stored as an ``EvidenceFile`` record. Only while the
    /// application is a draft or more information was requested.
    @discardableResult
    public func addEvidence(to applicationID: BusinessAccountApplication.ID, kind: EvidenceKind, fileName: String, bytes: Data,
                            as principal: Principal) async throws -> EvidenceDocument {
        try requireKnown(kind)
        let name = try TextFieldRules.validate(fileName, field: "fileName", maxLength: 255)
        let mediaType = try FileInspection.inspect(bytes, maximumBytes: context.policy.evidence.maximumFileBytes).get()
        let digest = SHA256.hexDigest(bytes)
        return try await context.transact("evidence.add", as: principal) { unit in
            var stored = try await unit.application(applicationID, applicantOnly: true)
            try requireEditable(stored.record)
            let document = EvidenceDocument(id: context.ids.next("document"), kind: kind, fileName: name, mediaType: mediaType,
                                            byteCount: bytes.count, sha256: digest, addedAt: unit.now)
            stored.record.documents.append(document)
            try unit.update(stored)
            try unit.insert(EvidenceFile(id: document.id, applicationID: applicationID, mediaType: mediaType, bytes: bytes))
            try unit.audit(applicationID, "evidence.added",
                           details: ["document": document.id.rawValue, "kind": kind.rawValue, "type": mediaType.rawValue])
            return document
        }
    }

    /// Removes an evidence document and its file, while the application is editable.
    public func removeEvidence(_ documentID: EvidenceDocument.ID, from applicationID: BusinessAccountApplication.ID, as principal: Principal) async throws {
        try await context.transact("evidence.remove", as: principal) { unit in
            var stored = try await unit.application(applicationID, applicantOnly: true)
            try requireEditable(stored.record)
            guard stored.record.documents.contains(where: { $0.id == documentID }),
                  let file = try await unit.fetch(EvidenceFile.self, id: documentID) else {
                throw ApplicationError(.documentNotFound, applicationID: applicationID, facts: ["document": documentID.rawValue])
            }
            stored.record.documents.removeAll { $0.id == documentID }
            try unit.update(stored)
            try unit.delete(file)
            try unit.audit(applicationID, "evidence.removed", details: ["document": documentID.rawValue])
        }
    }

    /// Submits (or, after a request for more information, resubmits) the application (R-VAL-1,
    /// R-VAL-2): it needs the authority attestation and at least one evidence file. The SLA starts
    /// (again) from this submission; the applicant is mailed the expected decision date.
    public func submit(_ applicationID: BusinessAccountApplication.ID, as principal: Principal) async throws -> SubmissionReceipt {
        // R-VAT-2: the registry is an outside system, asked before the unit and never inside it; its
        // answer is kept with its time. "Unavailable" never counts as invalid, and an "invalid" answer
        // is for the reviewer to weigh, not a refusal here.
        let before = try await application(applicationID, as: principal)
        var lookup: VATLookupRecord?
        if let registry = context.vatRegistry, let number = before.vatStatus.number {
            lookup = await registry.record(number, at: context.time)
        }
        return try await context.transact("application.submit", as: principal) { unit in
            var stored = try await unit.application(applicationID, applicantOnly: true)
            try requireEditable(stored.record)
            guard stored.record.attestedAt != nil else { throw ApplicationError(.attestationMissing, applicationID: applicationID) }
            guard !stored.record.documents.isEmpty else { throw ApplicationError(.noEvidence, applicationID: applicationID) }
            for document in stored.record.documents { try requireKnown(document.kind, applicationID: applicationID) }
            let policy = context.policy
            let slaCountry = policy.validation.slaCountry ?? stored.record.address.country
            let deadline = ValidationDeadline(submittedAt: unit.now, policy: policy.validation, timeZone: policy.timeZone,
                                              calendar: context.calendars.calendar(for: slaCountry))
            let previous = stored.record.status
            if let lookup, lookup.number == stored.record.vatStatus.number { stored.record.vatLookup = lookup }
            stored.record.status = .submitted
            stored.record.submittedAt = unit.now
            stored.record.submissionDay = deadline.submissionDay
            stored.record.decisionDueDay = deadline.dueDay
            stored.record.slaCountry = slaCountry
            let application = stored.record
            try unit.update(stored)
            try unit.mail("applicationReceived", toContactOf: application, facts: [
                "company": application.companyName, "applicationID": application.id.rawValue,
                "workingDays": String(policy.validation.slaWorkingDays),
                "dueDate": DayFormatter(catalog: context.catalog).long(deadline.dueDay, in: application.language),
                "sender": policy.mail.sender.address,
            ])
            try unit.audit(applicationID, previous == .draft ? "application.submitted" : "application.resubmitted",
                           details: submissionDetails(deadline, slaCountry, stored.record.vatLookup))
            return SubmissionReceipt(application: application, deadline: deadline,
                                     evidence: unit.evidenceEvaluation(of: application))
        }
    }

    /// The state of every evidence requirement (R-DOC-6), for the applicant or a reviewer.
    public func evidence(of applicationID: BusinessAccountApplication.ID, as principal: Principal) async throws -> EvidenceEvaluation {
        try await context.read("evidence.view", as: principal) { unit in
            unit.evidenceEvaluation(of: try await unit.application(applicationID).record)
        }
    }

    // MARK: - Internals

    private func submissionDetails(_ deadline: ValidationDeadline, _ country: CountryCode,
                                   _ lookup: VATLookupRecord?) -> [String: String] {
        var details = ["dueDay": deadline.dueDay.description, "slaCountry": country.code]
        if let lookup {
            details["vatLookup"] = lookup.countsAsInvalid ? "invalid" : (lookup.outcome.isConfirmed ? "valid" : "unavailable")
            details["vatLookupAt"] = ISO8601DateFormatter().string(from: lookup.checkedAt)
        }
        return details
    }

    /// Refuses a kind the policy does not know (R-DOC-1…3); the kind is shown shortened to 40
    /// characters, with control and formatting characters as U+FFFD, so a hostile kind cannot break the message.
    private func requireKnown(_ kind: EvidenceKind, applicationID: BusinessAccountApplication.ID? = nil) throws(ApplicationError) {
        let known = context.policy.evidence.knownKinds
        guard !known.contains(kind) else { return }
        throw ApplicationError(.unknownEvidenceKind, applicationID: applicationID,
                               facts: ["kind": kind.rawValue.shownSafely(), "known": known.map(\.rawValue).joined(separator: ", ")])
    }

    private func requireEditable(_ application: BusinessAccountApplication) throws(ApplicationError) {
        guard application.status.isEditableByApplicant else {
            throw ApplicationError(.wrongStatus, applicationID: application.id, facts: ["status": application.status.rawValue])
        }
    }

    /// A unique-key refusal as the duplicate it means (R-ACC-4); any other error unchanged. A duplicate
    /// e-mail held by an open application carries that application's ID (the same e-mail, the same
    /// applicant: they may continue it); a VAT number held by another company is never named.
    func duplicate(_ error: StorageError, _ application: BusinessAccountApplication) async -> any Error {
        guard error.reason == .uniqueKeyTaken else { return error }
        let key = error.subject ?? ""
        if key.hasPrefix("vat:") {
            return ApplicationError(.duplicateVATNumber, facts: ["vat": application.vatStatus.number?.compact ?? key])
        }
        if key.hasPrefix("email:") {
            let holder = try? await context.store.fetch(BusinessAccountApplication.self, holding: key)
            return ApplicationError(.duplicateEmail, applicationID: holder?.record.id,
                                    facts: ["email": application.contactEmail.address])
        }
        return error
    }
}
