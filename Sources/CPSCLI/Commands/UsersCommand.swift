import CPSKit

extension CommandSpec {
    /// `cps users add|remove|list ACCOUNT … --as USER-ID` (R-ACC-5).
    static let users = CommandSpec(
        name: "users",
        summary: "add, remove or list the users of an account (superuser only for changes)",
        help: """
        Usage: cps users list ACCOUNT --as USER-ID
               cps users add ACCOUNT NAME EMAIL --as USER-ID [--role user|superuser] [--language sv|en]
               cps users remove ACCOUNT USER --as USER-ID

        --as USER-ID names the acting user, whom the host has already signed in; the tool reads the
        user's account and role from the store (R-ACC-5). Only a superuser adds or removes users; a new
        user gets an e-mail with a password link. --language is a language of the texts (sv or en):
        any other value is refused (exit 65) and nothing is stored.
        """,
        valuedOptions: ["--as", "--role", "--language"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as", "--role", "--language"], maxPositionals: 4)
        let action = try invocation.action(["list", "add", "remove"])
        let accountID: BusinessAccount.ID = try invocation.arguments.positional(1, "ACCOUNT")
        let principal = try invocation.userPrincipal()
        return try await CLIContext.with(invocation) { cli in
            let service = cli.services.accounts
            switch action {
            case "add":
                let roleText = invocation.arguments.option("--role") ?? "user"
                guard let role = AccountUser.Role(rawValue: roleText) else { throw CommandError.invalidChoice("--role", ["user", "superuser"]) }
                // --language is checked by the service (a language of the catalog); without it the
                // user gets --lang's language when the catalog has it, else English.
                let language = invocation.arguments.option("--language").map { Language($0) }
                    ?? (cli.context.catalog.languages.contains(invocation.language) ? invocation.language : .english)
                let user = try await service.addUser(
                    to: accountID, name: try invocation.arguments.positional(2, "NAME"),
                    email: try invocation.arguments.positional(3, "EMAIL"),
                    language: language, role: role, as: principal)
                try invocation.emit(user) { ["\(user.id) \(user.email.address) \(user.role.rawValue) \(user.status.rawValue)"] }
            case "remove":
                let userID: AccountUser.ID = try invocation.arguments.positional(2, "USER")
                try await service.removeUser(userID, from: accountID, as: principal)
                try invocation.emit(["removed": userID]) { ["removed \(userID)"] }
            default:
                let users = try await service.users(of: accountID, as: principal)
                try invocation.emit(users) { users.map { "\($0.id) \($0.email.address) \($0.role.rawValue) \($0.status.rawValue)" } }
            }
            return .success
        }
    }
}
