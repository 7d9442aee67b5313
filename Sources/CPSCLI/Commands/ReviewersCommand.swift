import CPSKit
import Foundation

extension CommandSpec {
    /// `cps reviewers add|remove|list` (R-VAL-1, R-ID-4): the reviewer directory, as the host.
    static let reviewers = CommandSpec(
        name: "reviewers",
        summary: "add, remove or list the Canon reviewers (people known by e-mail)",
        help: """
        Usage: cps reviewers add EMAIL NAME [--password-file FILE|-]
               cps reviewers remove EMAIL
               cps reviewers list

        add     adds a reviewer to the directory; with --password-file, gives the reviewer that password
                through the tool's identity adapter (the first line of FILE, or of standard input for -)
        remove  removes the reviewer: refused as a reviewer from then on
        list    every reviewer, removed ones included
        Review commands name the reviewer with --reviewer EMAIL (or the reviewer's ID). A reviewer never
        decides an application they are part of: its applicant, its contact or a user of its account.
        """,
        valuedOptions: ["--password-file"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--password-file"], maxPositionals: 3)
        let action = try invocation.action(["add", "remove", "list"])
        let host = Principal.system("cps-reviewers")
        return try await CLIContext.with(invocation) { cli in
            let service = cli.services.reviewers
            switch action {
            case "add":
                let email = try invocation.arguments.positional(1, "EMAIL")
                let reviewer = try await service.add(name: try invocation.arguments.positional(2, "NAME"), email: email, as: host)
                if let file = invocation.arguments.option("--password-file") {
                    let text = String(decoding: try invocation.readFile(file), as: UTF8.self)
                    let password = text.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) ?? ""
                    try await service.setPassword(password, forReviewer: email, as: host)
                }
                try invocation.emit(reviewer) { ["\(reviewer.id) \(reviewer.email.address) \(reviewer.status.rawValue)"] }
            case "remove":
                let email = try invocation.arguments.positional(1, "EMAIL")
                try await service.remove(email: email, as: host)
                try invocation.emit(["removed": email]) { ["removed \(email)"] }
            default:
                let reviewers = try await service.list(as: host)
                try invocation.emit(reviewers) { reviewers.map { "\($0.id) \($0.email.address) \($0.status.rawValue)" } }
            }
            return .success
        }
    }
}
