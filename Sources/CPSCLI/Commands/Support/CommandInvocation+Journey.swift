import CPSKit
import Foundation

extension CommandInvocation {
    /// `--as USER-ID`: an account user the host has already signed in (R-ACC-5). Role and account are
    /// read from the store, never taken from the command line.
    func userPrincipal() throws -> Principal {
        guard let id = arguments.option("--as"), !id.isEmpty else { throw CommandError(.missingOption, ["option": "--as", "what": "USER-ID"]) }
        return .accountUser(id)
    }

    /// `--as EMAIL`: the applicant, known by the application's contact e-mail (R-ACC-5).
    func applicantPrincipal() throws -> Principal {
        guard let email = arguments.option("--as"), !email.isEmpty else { throw CommandError(.missingOption, ["option": "--as", "what": "EMAIL"]) }
        return .applicant(try EmailAddress(email))
    }

    /// `--reviewer EMAIL|ID`: a Canon reviewer of the directory (`cps reviewers add`; R-VAL-1, R-ID-4).
    /// An e-mail is looked up in the store; an unknown one names nobody and is refused by the service.
    func reviewerPrincipal(in cli: CLIContext) async throws -> Principal {
        guard let given = arguments.option("--reviewer"), !given.isEmpty else {
            throw CommandError(.missingOption, ["option": "--reviewer", "what": "EMAIL"])
        }
        guard given.contains("@") else { return .reviewer(given) }
        let email = try EmailAddress(given, field: "reviewer")
        let holder = try await cli.store.record(holding: Reviewer.emailKey(email))
        return .reviewer(holder?.id ?? "unknown:\(email.key)")
    }

    /// The action word of a command group (`review queue`), one of `actions`.
    func action(_ actions: [String]) throws -> String {
        let action = try arguments.positional(0, actions.joined(separator: "|"))
        guard actions.contains(action) else {
            throw CommandError(.unknownAction, arguments: ["value": .text(action), "choices": .alternatives(actions.map(MessageArgument.text))])
        }
        return action
    }

    /// Prints `value` as JSON with `--json`, else the lines of `text`.
    func emit<T: Encodable>(_ value: T, _ text: () -> [String]) throws {
        if json { try printJSON(value) } else { text().forEach { print($0) } }
    }

    /// The contents of the file at `path` (`-` reads standard input), or an I/O failure.
    func readFile(_ path: String) throws -> Data {
        if path == "-" { return readAll() }
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        do { return try Data(contentsOf: url) } catch { throw CommandError(.cannotRead, ["path": path, "detail": error.localizedDescription]) }
    }
}
