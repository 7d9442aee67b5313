import CPSKit

extension CommandSpec {
    /// `cps password set TOKEN PASSWORD` and `cps password reset EMAIL` (R-PWD-1…3).
    static let password = CommandSpec(
        name: "password",
        summary: "set a password from the e-mailed token, or ask for a reset link",
        help: """
        Usage: cps password set TOKEN PASSWORD
               cps password reset EMAIL

        set    sets the password with the single-use token of the account-ready (or reset) e-mail
               (R-PWD-1, R-PWD-2) and activates the user (R-PWD-3). Prints the user's ID and account:
               later commands act as that user with --as USER-ID. The link is only in the delivered
               mail, in <data-dir>/mail/new after `cps jobs mail` (never in the store, R-ID-3); the
               token follows "token=".
        reset  asks for a reset link. The answer is the same whether or not the address has an account
               (R-PWD-1); `cps jobs mail` then sends the link.
        Passwords are kept by the tool's identity adapter as salted, iterated SHA-256 in the data
        directory's store, never in plain text.
        """
    ) { invocation in
        try invocation.arguments.expect(known: ["--json"], maxPositionals: 3)
        let action = try invocation.action(["set", "reset"])
        return try await CLIContext.with(invocation) { cli in
            let service = cli.services.passwords
            if action == "set" {
                let user = try await service.setPassword(token: try invocation.arguments.positional(1, "TOKEN"),
                                                         newPassword: try invocation.arguments.positional(2, "PASSWORD"))
                try invocation.emit(user) { ["\(user.id) \(user.accountID) \(user.role.rawValue) \(user.status.rawValue)"] }
            } else {
                let answer = try await service.requestPasswordReset(email: try invocation.arguments.positional(1, "EMAIL"))
                let message = cli.context.catalog.render("password.reset.answer", in: invocation.language)
                try invocation.emit(["answer": answer.rawValue, "message": message]) { [message] }
            }
            return .success
        }
    }
}
