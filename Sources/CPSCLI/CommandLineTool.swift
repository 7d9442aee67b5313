import CPSKit
import Foundation

/// The `cps` command-line tool: parses global options, dispatches to a ``CommandSpec`` and maps
/// errors to ``ExitStatus`` codes. `Sources/cps/main.swift` only calls ``main(arguments:environment:)``.
package enum CommandLineTool {
    /// The outcome of one run, for tests.
    package struct Result: Sendable {
        /// The exit status.
        package let status: ExitStatus
        /// What was printed to standard output.
        package let output: String
        /// What was printed to standard error.
        package let errorOutput: String
    }

    static let globalValued: Set<String> = ["--lang", "--data-dir"]
    static let globalFlags: Set<String> = ["--json", "--help", "-h"]

    /// Runs `cps` with `arguments` (without the program name) and returns what it printed.
    package static func run(_ arguments: [String], environment: [String: String] = [:],
                           input: [String] = []) async -> Result {
        let lines = LineQueue(input)
        return await run(arguments, environment: environment, readLine: { lines.next() })
    }

    /// Runs `cps` as the process: real standard input, output and exit code.
    package static func main(arguments: [String], environment: [String: String]) async -> Int32 {
        let result = await run(arguments, environment: environment, readLine: { Swift.readLine() })
        FileHandle.standardOutput.write(Data(result.output.utf8))
        FileHandle.standardError.write(Data(result.errorOutput.utf8))
        return result.status.rawValue
    }

    static func run(_ arguments: [String], environment: [String: String],
                    readLine: @escaping () -> String?) async -> Result {
        var rest = arguments
        let wantsHelpFirst = rest.first == "--help" || rest.first == "-h" || rest.first == "help"
        guard let name = rest.first, !wantsHelpFirst else {
            if wantsHelpFirst, rest.count > 1, let command = commands.first(where: { $0.name == rest[1] }) {
                return Result(status: .success, output: command.help + "\n", errorOutput: "")
            }
            return Result(status: rest.isEmpty ? .usage : .success, output: overview(), errorOutput: "")
        }
        rest.removeFirst()
        guard let command = commands.first(where: { $0.name == name }) else {
            return Result(status: .usage, output: "",
                          errorOutput: "cps: unknown command \"\(name)\". Run `cps --help` for the list.\n")
        }
        let parsed: Arguments
        do {
            parsed = try Arguments(rest, valued: globalValued.union(command.valuedOptions))
        } catch {
            return Result(status: .usage, output: "", errorOutput: "cps \(name): \(error)\n\(command.help)\n")
        }
        if parsed.flag("--help") || parsed.flag("-h") {
            return Result(status: .success, output: command.help + "\n", errorOutput: "")
        }
        let language = Language(parsed.option("--lang") ?? environment["CPS_LANG"] ?? "en")
        let dataPath = parsed.option("--data-dir") ?? environment["CPS_DATA_DIR"] ?? "cps-data"
        let invocation = CommandInvocation(
            arguments: parsed, json: parsed.flag("--json"), language: language,
            dataDirectory: URL(fileURLWithPath: dataPath), environment: environment, readLine: readLine)
        let status: ExitStatus
        do {
            status = try await command.run(invocation)
        } catch let error as CommandError {
            invocation.printError("cps \(name): \(error.message)")
            invocation.printError("Run `cps \(name) --help` for its usage.")
            status = .usage
        } catch let failure as any LocalizedFailure {
            status = ExitStatus(failure.category)
            if invocation.json {
                try? invocation.printJSON(ErrorReport(code: failure.code, message: failure.message(in: language)))
            } else {
                invocation.printError("cps \(name): \(failure.message(in: language))")
            }
        } catch {
            invocation.printError("cps \(name): \(error)")
            status = .failure
        }
        return Result(status: status, output: invocation.standardOutput, errorOutput: invocation.standardError)
    }

    static func overview() -> String {
        var text = """
        cps — the Canon Professional Services journey from the shell (CPSKit).

        Usage: cps <command> [arguments] [--json] [--lang sv|en] [--data-dir PATH]

        Commands:

        """
        // Commands whose names start with "_" are internal helpers (e.g. for tests): not listed.
        let listed = commands.filter { !$0.name.hasPrefix("_") }
        let width = (listed.map(\.name.count).max() ?? 0) + 2
        for command in listed {
            text += "  " + command.name.padding(toLength: width, withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        text += """

        Global options:
          --json            print machine-readable JSON
          --lang sv|en      the language of texts (default en, or CPS_LANG)
          --data-dir PATH   the data directory (default CPS_DATA_DIR, else ./cps-data)
          --help            help for a command: cps <command> --help

        Exit codes: 0 done, 64 usage error, 65 refused by a rule, 74 failure (storage, I/O).

        """
        return text
    }
}

/// A JSON error report for `--json`.
struct ErrorReport: Encodable {
    let code: String
    let message: String
}

/// Lines of standard input given to ``CommandLineTool/run(_:environment:input:)`` in tests.
final class LineQueue: @unchecked Sendable {
    // @unchecked: read from the single task that runs the command.
    private var lines: [String]
    init(_ lines: [String]) { self.lines = lines.reversed() }
    func next() -> String? { lines.popLast() }
}
