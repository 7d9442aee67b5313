import CPSKit

extension CommandSpec {
    /// `cps password set TOKEN PASSWORD`, `cps password reset EMAIL` and
    /// `cps password sign-in EMAIL PASSWORD` (R-PWD-1…3, R-ID-2).
    static let password = CommandSpec(
        name: "password",
        summary: "set a password from the e-mailed token, ask for a reset link, or sign in",
        help: """
        Usage: cps password set TOKEN PASSWORD
               cps password reset EMAIL
               cps password sign-in EMAIL PASSWORD [--client KEY]

        set    sets the password with the single-use token of the account-ready (or reset) e-mail
               (R-PWD-1, R-PWD-2) and activates the user (R-PWD-3). Prints the user's ID and account:
               later commands act as that user with --as USER-ID. The link is only in the delivered
               mail, in <data-dir>/mail/new after `cps jobs mail` (never in the store, R-ID-3); the
               token follows "token=".
        reset  asks for a reset link. The answer is the same whether or not the address has an account
               (R-PWD-1); `cps jobs mail` then sends the link.
        sign-in  checks EMAIL and PASSWORD (R-ID-2) and prints the user and the account; a wrong
               password and an unknown address give the same answer, and repeated failures lock the
               address for a while ("try again after …"). --client KEY throttles per client too.
        Passwords are kept by CPSKit's durable identity adapter as PBKDF2-HMAC-SHA256 (600,000
        iterations, or CPS_PASSWORD_ITERATIONS) in the data directory's store, never in plain text.
        """,
        valuedOptions: ["--client"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--client"], maxPositionals: 3)
        let action = try invocation.action(["set", "reset", "sign-in"])
        return try await CLIContext.with(invocation) { cli in
            let service = cli.services.passwords
            if action == "set" {
                let user = try await service.setPassword(token: try invocation.arguments.positional(1, "TOKEN"),
                                                         newPassword: try invocation.arguments.positional(2, "PASSWORD"))
                try invocation.emit(user) { ["\(user.id) \(user.accountID) \(user.role.rawValue) \(user.status.rawValue)"] }
            } else if action == "sign-in" {
                let signedIn = try await service.signIn(email: try invocation.arguments.positional(1, "EMAIL"),
                                                        password: try invocation.arguments.positional(2, "PASSWORD"),
                                                        clientKey: invocation.arguments.option("--client"))
                try invocation.emit(["user": signedIn.user.id.rawValue, "account": signedIn.account.id.rawValue, "role": signedIn.user.role.rawValue,
                                     "credentialVersion": signedIn.credentialVersion.map(String.init) ?? ""]) {
                    ["\(signedIn.user.id) \(signedIn.account.id) \(signedIn.user.role.rawValue)"]
                }
            } else {
                let answer = try await service.requestPasswordReset(email: try invocation.arguments.positional(1, "EMAIL"))
                let message = cli.context.catalog.render("password.reset.answer", in: invocation.language)
                try invocation.emit(["answer": answer.rawValue, "message": message]) { [message] }
            }
            return .success
        }
    }
}
