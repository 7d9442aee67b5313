import CPSKit

extension CommandSpec {
    /// `cps walkthrough`: one Swedish company through the journey, from a fresh store every run.
    static let walkthrough = CommandSpec(
        name: "walkthrough",
        summary: "walk one Swedish company through the CPS journey (fresh store every run)",
        help: """
        Usage: cps walkthrough [--lang sv|en]

        Walks one Swedish company through the seed's journey — application, evidence, validation within
        two working days, the password e-mail, … — printing each step and every e-mail it receives, in
        Swedish or English. It starts from a fresh in-memory store with a fixed clock every time, so it
        prints the same on every run and never touches a data directory.
        """
    ) { invocation in
        try invocation.arguments.expect(known: ["--json"], maxPositionals: 0)
        try await Walkthrough(language: invocation.language, print: invocation.print).run()
        return .success
    }
}
