import CPSKit
import Foundation

extension CommandSpec {
    /// `cps apply FILE.json`: creates an application from an `ApplicationForm` (R-ACC-1…4).
    static let apply = CommandSpec(
        name: "apply",
        summary: "apply for a business account from a JSON ApplicationForm",
        help: """
        Usage: cps apply FILE.json [--json] [--lang sv|en] [--data-dir PATH]

        Creates a business-account application (R-ACC-1…4) from FILE.json (`-` reads standard input), an
        ApplicationForm: {"companyName", "street", "postalCode", "city", "country", "vatNumber"?,
        "contactName", "contactEmail", "contactLanguage", "applicantRole", "attestsAuthority",
        "oldCPSEmail"?}. The applicant is the form's contact e-mail: later commands name it with --as EMAIL.
        Prints the application's ID and status. A duplicate VAT number or e-mail, a country outside CPS
        or a missing attestation is refused (exit 65). A malformed file (also one that is not valid
        UTF-8) is a usage error (64).
        """
    ) { invocation in
        try invocation.arguments.expect(known: ["--json"], maxPositionals: 1)
        let data = try invocation.readFile(try invocation.arguments.positional(0, "FILE.json"))
        let form: ApplicationForm
        guard String(validating: data, as: UTF8.self) != nil else {
            throw CommandError(.fileNotUTF8, ["path": try invocation.arguments.positional(0, "FILE.json")])
        }
        do { form = try JSONDecoder().decode(ApplicationForm.self, from: data) } catch {
            throw CommandError(.notApplicationForm, ["path": try invocation.arguments.positional(0, "FILE.json"), "detail": CommandError.where(error)])
        }
        return try await CLIContext.with(invocation) { cli in
            let application = try await cli.services.onboarding
                .createApplication(form, as: .applicant(try EmailAddress(form.contactEmail)))
            try invocation.emit(application) { ["\(application.id) \(application.status.rawValue)"] }
            return .success
        }
    }

    /// `cps evidence add|show`: evidence documents of an application (R-DOC-1…6).
    static let evidence = CommandSpec(
        name: "evidence",
        summary: "add an evidence document to an application, or show what is still due",
        help: """
        Usage: cps evidence add APPLICATION KIND FILE --as EMAIL
               cps evidence show APPLICATION --as EMAIL

        add   attaches FILE (PDF, JPEG or PNG by content, R-DOC-5) as a document of KIND:
              vatRegistrationCertificate, companyInvoice, businessLicence, articlesOfAssociation,
              taxResidenceCertificate, soleTraderRegistration (or a kind of the policy's editions);
              any other KIND is refused (exit 65) and nothing is stored. Prints the document's ID.
        show  prints the state of each evidence requirement (R-DOC-6: currently due and errors).
        --as EMAIL is the applicant (the application's contact e-mail).
        """,
        valuedOptions: ["--as"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as"], maxPositionals: 4)
        let action = try invocation.action(["add", "show"])
        let applicationID: BusinessAccountApplication.ID = try invocation.arguments.positional(1, "APPLICATION")
        let applicant = try invocation.applicantPrincipal()
        if action == "add" {
            let kind = EvidenceKind(try invocation.arguments.positional(2, "KIND"))
            let path = try invocation.arguments.positional(3, "FILE")
            let bytes = try invocation.readFile(path)
            return try await CLIContext.with(invocation) { cli in
                let document = try await cli.services.onboarding.addEvidence(
                    to: applicationID, kind: kind, fileName: URL(fileURLWithPath: path).lastPathComponent, bytes: bytes, as: applicant)
                try invocation.emit(document) { ["\(document.id) \(document.kind.rawValue) \(document.mediaType.rawValue)"] }
                return .success
            }
        }
        try invocation.arguments.expect(known: ["--json", "--as"], maxPositionals: 2)
        return try await CLIContext.with(invocation) { cli in
            let evaluation = try await cli.services.onboarding.evidence(of: applicationID, as: applicant)
            try invocation.emit(EvidenceReport(evaluation)) {
                evaluation.requirements.map { "\($0.code): \($0.status.rawValue)" }
                    + evaluation.errors.map { "  " + $0.message(in: invocation.language) }
            }
            return .success
        }
    }

    /// `cps submit APPLICATION --as EMAIL` (R-VAL-1, R-VAL-2).
    static let submit = CommandSpec(
        name: "submit",
        summary: "submit an application for validation; prints the expected decision date",
        help: """
        Usage: cps submit APPLICATION --as EMAIL

        Submits the application (R-VAL-1): it needs the attestation and at least one valid file. Prints
        the submission day and the day a decision is due (2 working days, R-VAL-2).
        """,
        valuedOptions: ["--as"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as"], maxPositionals: 1)
        let applicationID: BusinessAccountApplication.ID = try invocation.arguments.positional(0, "APPLICATION")
        let applicant = try invocation.applicantPrincipal()
        return try await CLIContext.with(invocation) { cli in
            let receipt = try await cli.services.onboarding.submit(applicationID, as: applicant)
            let report = SubmissionReport(id: receipt.application.id.rawValue, status: receipt.application.status.rawValue,
                                          submissionDay: receipt.deadline.submissionDay.description,
                                          dueDay: receipt.deadline.dueDay.description, evidence: EvidenceReport(receipt.evidence))
            try invocation.emit(report) {
                ["\(report.id) \(report.status) due \(DayFormatter().long(receipt.deadline.dueDay, in: invocation.language))"]
            }
            return .success
        }
    }
}

/// `--json` of `cps evidence show` and `cps submit` (R-DOC-6).
struct EvidenceReport: Encodable {
    let satisfied: Bool
    let currentlyDue: [String]
    let errors: [String]
    let requirements: [EvidenceEvaluation.RequirementState]
    init(_ evaluation: EvidenceEvaluation) {
        satisfied = evaluation.isSatisfied
        currentlyDue = evaluation.currentlyDue
        errors = evaluation.errors.map(\.code)
        requirements = evaluation.requirements
    }
}

/// `--json` of `cps submit` (R-VAL-2).
struct SubmissionReport: Encodable {
    let id: String
    let status: String
    let submissionDay: String
    let dueDay: String
    let evidence: EvidenceReport
}
