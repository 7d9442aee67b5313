import CPSKit
import Foundation

extension CommandSpec {
    /// `cps privacy export|rectify|erase|hold|lift|holds` (R-GDPR-1, R-GDPR-2): exports and erasures
    /// as the host, rectification as the user or a superuser, legal holds as a reviewer.
    static let privacy = CommandSpec(
        name: "privacy",
        summary: "export, correct or erase a person's data; place, lift or list legal holds that keep an application's evidence",
        help: """
        Usage: cps privacy export ACCOUNT|EMAIL --out FILE
               cps privacy rectify USER-ID --as USER-ID [--name NAME] [--email EMAIL] [--language sv|en]
               cps privacy erase ACCOUNT|EMAIL
               cps privacy hold APPLICATION REASON --reviewer EMAIL
               cps privacy lift APPLICATION --reviewer EMAIL
               cps privacy holds --reviewer EMAIL

        export writes everything held about the account (an account ID) or the applicant or user with
               that e-mail to FILE, one tar archive with manifest.json first (R-GDPR-1; format in
               Documentation/Privacy.md): records, evidence files, mails without links, audit entries;
               never a password hash, a token or a key. Run it for the person once you have verified
               who asks.
        rectify corrects the user's name, e-mail address (the login) or language, as the user or a
               superuser of the account (--as); the audit names the fields, never the values
        erase  with an account ID: cancels its membership at term end and erases all its users and its
               application's contact; with an address:
               pseudonymises the user and the applications with that e-mail address everywhere, deletes
               their evidence, credential and tokens, erases the personal part of their audit entries
               and prints the erasure receipt (R-GDPR-2). Invoices stay until their retention ends.
               Refused while an application is on legal hold or open, and for an account's only
               superuser. The store is compacted afterwards, so its files no longer hold the old
               values (backups do: see Documentation/Security.md). Run it for the person once you
               have verified who asks.
        hold   places a legal hold on the application (REASON: a case reference or the authority's
               request): `cps jobs retention` keeps its evidence files past their period (R-GDPR-2)
        lift   lifts the hold: the next retention run deletes evidence whose period is over
        holds  every hold
        Each hold and lift is audited on the application. --reviewer names a reviewer added with
        `cps reviewers add`, never a party to the application.
        """,
        valuedOptions: ["--reviewer", "--out", "--as", "--name", "--email", "--language"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--reviewer", "--out", "--as", "--name", "--email", "--language"],
                                        maxPositionals: 3)
        let action = try invocation.action(["export", "rectify", "erase", "hold", "lift", "holds"])
        if action == "rectify" {
            let userID = AccountUser.ID(try invocation.arguments.positional(1, "USER-ID"))
            let principal = try invocation.userPrincipal()
            let correction = Rectification(name: invocation.arguments.option("--name"), email: invocation.arguments.option("--email"),
                                           language: invocation.arguments.option("--language").map { Language($0) })
            return try await CLIContext.with(invocation) { cli in
                let user = try await cli.services.privacy.rectify(userID, correction, as: principal)
                try invocation.emit(user) { ["rectified \(user.id): \(user.name) <\(user.email.address)>, \(user.language)"] }
                return .success
            }
        }
        if action == "erase" {
            let subject = try invocation.arguments.positional(1, "ACCOUNT|EMAIL")
            let email = subject.contains("@") ? try EmailAddress(subject) : nil
            return try await CLIContext.with(invocation) { cli in
                let host = Principal.system("cps-privacy")
                let receipt = if let email {
                    try await cli.services.privacy.erase(email: email, as: host)
                } else {
                    try await cli.services.privacy.eraseAccount(BusinessAccount.ID(subject), as: host)
                }
                try await cli.store.compact() // the journal still holds the old values until compacted (Security.md)
                try invocation.emit(receipt) {
                    ["erased: receipt \(receipt.id), \(receipt.users.count) users, \(receipt.applications.count) applications, "
                        + "\(receipt.mails) mails, \(receipt.auditEntries) audit entries, \(receipt.evidenceFiles) evidence files"]
                }
                return .success
            }
        }
        if action == "export" {
            let subject = try invocation.arguments.positional(1, "ACCOUNT|EMAIL")
            guard let out = invocation.arguments.option("--out") else { throw CommandError(.missingOption, ["option": "--out", "what": "FILE"]) }
            return try await CLIContext.with(invocation) { cli in
                let host = Principal.system("cps-privacy")
                let export = subject.contains("@")
                    ? try await cli.services.privacy.exportApplicant(email: try EmailAddress(subject), as: host)
                    : try await cli.services.privacy.exportAccount(BusinessAccount.ID(subject), as: host)
                let url = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
                do { try export.archive().write(to: url, options: .atomic) } catch {
                    throw CommandError(.cannotWrite, ["path": out, "detail": error.localizedDescription])
                }
                try invocation.emit(export.manifest) { ["exported \(export.manifest.files.count) files to \(out)"] }
                return .success
            }
        }
        return try await CLIContext.with(invocation) { cli in
            let reviewer = try await invocation.reviewerPrincipal(in: cli)
            let privacy = cli.services.privacy
            switch action {
            case "hold":
                let id = BusinessAccountApplication.ID(try invocation.arguments.positional(1, "APPLICATION"))
                let hold = try await privacy.placeLegalHold(on: id, reason: try invocation.arguments.positional(2, "REASON"), as: reviewer)
                try invocation.emit(hold) { ["held \(hold.id): \(hold.reason)"] }
            case "lift":
                let id = BusinessAccountApplication.ID(try invocation.arguments.positional(1, "APPLICATION"))
                try await privacy.liftLegalHold(on: id, as: reviewer)
                try invocation.emit(["lifted": id.rawValue]) { ["lifted \(id)"] }
            default:
                let holds = try await privacy.legalHolds(as: reviewer)
                try invocation.emit(holds) { holds.map { "\($0.id) since \($0.placedAt.ISO8601Format()) by \($0.placedBy): \($0.reason)" } }
            }
            return .success
        }
    }
}
