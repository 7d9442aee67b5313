import CPSKit
import Foundation

extension CommandSpec {
    /// `cps walkthrough`: one Swedish company through the journey, from a fresh store every run.
    static let walkthrough = CommandSpec(
        name: "walkthrough",
        summary: "walk one Swedish company through the CPS journey (fresh store every run)",
        help: """
        Usage: cps walkthrough [--lang sv|en] [--output DIR]

        Walks one Swedish company through the seed's journey — application, evidence, validation within
        two working days, the password e-mail, … — printing each step and every e-mail it receives, in
        Swedish or English. It starts from a fresh in-memory store with a fixed clock every time, so it
        prints the same on every run and never touches a data directory.

        --output DIR also writes the PDF and the Peppol UBL XML of every invoice and credit note of the
        journey to DIR (created if missing) as <number>.pdf and <number>.xml (R-IDOC-1, R-IDOC-2), and
        prints the directory and the file names; the files are the same bytes on every run.
        """,
        valuedOptions: ["--output"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--output"], maxPositionals: 0)
        var directory: URL?
        if let output = invocation.arguments.option("--output") {
            guard !output.isEmpty else { throw CommandError(.optionNeedsValue, ["option": "--output"]) }
            directory = URL(fileURLWithPath: output, isDirectory: true,
                            relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL
        }
        try await Walkthrough(language: invocation.language, outputDirectory: directory, print: invocation.print).run()
        return .success
    }
}
