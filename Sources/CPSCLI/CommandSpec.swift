/// One `cps` command: its name, help text and the code that runs it.
package struct CommandSpec: Sendable {
    /// The command word, e.g. `"vat"`.
    package let name: String
    /// One line for the command list.
    package let summary: String
    /// The full `--help` text: usage line, arguments, options, examples.
    package let help: String
    /// The options this command takes a value for (e.g. `["--status"]`); the global ones are known.
    package let valuedOptions: Set<String>
    /// Runs the command; returns its exit status or throws (usage errors, refusals, failures).
    package let run: @Sendable (CommandInvocation) async throws -> ExitStatus

    /// Creates a command.
    package init(name: String, summary: String, help: String, valuedOptions: Set<String> = [],
                run: @escaping @Sendable (CommandInvocation) async throws -> ExitStatus) {
        self.name = name
        self.summary = summary
        self.help = help
        self.valuedOptions = valuedOptions
        self.run = run
    }
}
