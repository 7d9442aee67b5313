import CPSKit
import Foundation

extension CommandSpec {
    /// `cps review queue|start|fields|approve|reject|info` (R-VAL-1…3), as a reviewer.
    static let review = CommandSpec(
        name: "review",
        summary: "validate applications as a reviewer: queue, start, fields, approve, reject, info",
        help: """
        Usage: cps review queue --reviewer EMAIL
               cps review start APPLICATION --reviewer EMAIL
               cps review fields APPLICATION DOCUMENT --reviewer EMAIL [--company NAME] [--vat NUMBER]
                                 [--street S] [--postal-code P] [--city C] [--issued YYYY-MM-DD] [--as-applied]
               cps review approve APPLICATION --reviewer EMAIL
               cps review reject APPLICATION REASONS --reviewer EMAIL
               cps review info APPLICATION MESSAGE --reviewer EMAIL

        queue    applications awaiting a decision, oldest due first, with their due day and whether overdue
        start    puts an application in review
        fields   records what a document visibly shows (R-DOC-4); --as-applied copies the application's
                 own company name, VAT number and address (for scripts); prints the evaluation
        approve  creates the business account and mails the password link (R-VAL-3)
        reject   rejects with reasons; info asks the applicant for more information (both mailed)
        --reviewer names a reviewer added with `cps reviewers add` (R-ID-4); never the applicant, the
        contact or a user of the account.
        """,
        valuedOptions: ["--reviewer", "--company", "--vat", "--street", "--postal-code", "--city", "--issued"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--reviewer", "--company", "--vat", "--street", "--postal-code",
                                                "--city", "--issued", "--as-applied"], maxPositionals: 3)
        let action = try invocation.action(["queue", "start", "fields", "approve", "reject", "info"])
        return try await CLIContext.with(invocation) { cli in
            let reviewer = try await invocation.reviewerPrincipal(in: cli)
            let review = cli.services.review
            switch action {
            case "queue":
                let queue = try await review.queue(as: reviewer)
                let rows = queue.map { QueueRow(id: $0.application.id, company: $0.application.companyName,
                                                status: $0.application.status.rawValue, dueDay: $0.dueDay.description,
                                                overdue: $0.isOverdue) }
                try invocation.emit(rows) { rows.map { "\($0.id) \($0.status) due \($0.dueDay)\($0.overdue ? " OVERDUE" : "") \($0.company)" } }
            case "start":
                let application = try await review.startReview(try invocation.arguments.positional(1, "APPLICATION") as BusinessAccountApplication.ID, as: reviewer)
                try invocation.emit(application) { ["\(application.id) \(application.status.rawValue)"] }
            case "fields":
                let applicationID: BusinessAccountApplication.ID = try invocation.arguments.positional(1, "APPLICATION")
                let documentID: EvidenceDocument.ID = try invocation.arguments.positional(2, "DOCUMENT")
                var fields = VisibleFields()
                if invocation.arguments.flag("--as-applied") {
                    let application = try await cli.services.onboarding.application(applicationID, as: reviewer)
                    fields = VisibleFields(companyName: application.companyName, vatNumber: application.vatStatus.number?.compact,
                                           street: application.address.street, postalCode: application.address.postalCode,
                                           city: application.address.city)
                }
                let options = invocation.arguments
                fields.companyName = options.option("--company") ?? fields.companyName
                fields.vatNumber = options.option("--vat") ?? fields.vatNumber
                fields.street = options.option("--street") ?? fields.street
                fields.postalCode = options.option("--postal-code") ?? fields.postalCode
                fields.city = options.option("--city") ?? fields.city
                if let issued = options.option("--issued") {
                    guard let day = CalendarDay(iso: issued) else { throw CommandError(.notDay, ["what": "--issued"]) }
                    fields.issueDate = day
                }
                let evaluation = try await review.recordVisibleFields(fields, on: documentID, of: applicationID, as: reviewer)
                try invocation.emit(EvidenceReport(evaluation)) {
                    [evaluation.isSatisfied ? "satisfied" : "due: " + evaluation.currentlyDue.joined(separator: ", ")]
                        + evaluation.errors.map { "  " + $0.message(in: invocation.language) }
                }
            case "approve":
                let result = try await review.approve(try invocation.arguments.positional(1, "APPLICATION") as BusinessAccountApplication.ID, as: reviewer)
                let report = ApprovalReport(application: result.application.id, account: result.account.id,
                                            superuser: result.superuser.id, email: result.superuser.email.address)
                try invocation.emit(report) { ["approved: account \(report.account), superuser \(report.superuser) <\(report.email)>"] }
            default:
                let applicationID: BusinessAccountApplication.ID = try invocation.arguments.positional(1, "APPLICATION")
                let text = try invocation.arguments.positional(2, action == "reject" ? "REASONS" : "MESSAGE")
                let application = action == "reject"
                    ? try await review.reject(applicationID, reasons: text, as: reviewer)
                    : try await review.requestMoreInformation(applicationID, message: text, as: reviewer)
                try invocation.emit(application) { ["\(application.id) \(application.status.rawValue)"] }
            }
            return .success
        }
    }
}

/// One row of `cps review queue --json` (R-VAL-2).
struct QueueRow: Encodable {
    let id: BusinessAccountApplication.ID
    let company: String
    let status: String
    let dueDay: String
    let overdue: Bool
}

/// `cps review approve --json` (R-VAL-3).
struct ApprovalReport: Encodable {
    let application: BusinessAccountApplication.ID
    let account: BusinessAccount.ID
    let superuser: AccountUser.ID
    let email: String
}
