import CPSKit
import Foundation

/// The `cps` command-line tool: parses global options, dispatches to a ``CommandSpec`` and maps
/// errors to ``ExitStatus`` codes. `Sources/cps/main.swift` only calls ``main(rawArguments:environment:)``.
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

    static let globalValued: Set<String> = ["--lang", "--data-dir", "--keys"]
    static let globalFlags: Set<String> = ["--json", "--help", "-h"]

    /// Runs `cps` with `arguments` (without the program name) and returns what it printed.
    package static func run(_ arguments: [String], environment: [String: String] = [:],
                           input: [String] = []) async -> Result {
        let lines = LineQueue(input)
        return await run(arguments, environment: environment, readLine: { lines.next() })
    }

    /// Runs `cps` with the raw bytes of its arguments (without the program name), as the process
    /// receives them: an argument that is not valid UTF-8 is a usage error (64) and nothing runs,
    /// instead of a text with U+FFFD in place of the bad bytes being stored.
    package static func run(rawArguments: [[UInt8]], environment: [String: String] = [:],
                            input: [String] = []) async -> Result {
        let arguments: [String]
        do { arguments = try decode(rawArguments) } catch {
            return Result(status: .usage, output: "", errorOutput: "cps: \(error.message)\n")
        }
        return await run(arguments, environment: environment, input: input)
    }

    /// Runs `cps` as the process: real standard input, output and exit code. `rawArguments` are the
    /// bytes of `CommandLine.unsafeArgv` after the program name, checked by ``decode(_:)``.
    package static func main(rawArguments: [[UInt8]], environment: [String: String]) async -> Int32 {
        let result: Result
        do {
            let arguments = try decode(rawArguments)
            result = await run(arguments, environment: environment, readLine: { Swift.readLine() },
                               readAll: { FileHandle.standardInput.readDataToEndOfFile() })
        } catch {
            result = Result(status: .usage, output: "", errorOutput: "cps: \(error.message)\n")
        }
        FileHandle.standardOutput.write(Data(result.output.utf8))
        FileHandle.standardError.write(Data(result.errorOutput.utf8))
        return result.status.rawValue
    }

    /// The arguments as text, or a usage error naming the first one that is not valid UTF-8 (its
    /// bytes shown in hex). `CommandLine.arguments` would have replaced the bad bytes by U+FFFD.
    package static func decode(_ rawArguments: [[UInt8]]) throws(CommandError) -> [String] {
        var arguments: [String] = []
        arguments.reserveCapacity(rawArguments.count)
        for (index, bytes) in rawArguments.enumerated() {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                let hex = bytes.prefix(32).map { byte in
                    let digits = String(byte, radix: 16, uppercase: true)
                    return digits.count == 1 ? "0" + digits : digits
                }.joined(separator: " ")
                throw CommandError("argument \(index + 1) is not valid UTF-8 text (bytes \(hex)\(bytes.count > 32 ? " …" : "")); nothing was done.")
            }
            arguments.append(text)
        }
        return arguments
    }

    static func run(_ arguments: [String], environment: [String: String],
                    readLine: @escaping () -> String?, readAll: (@Sendable () -> Data)? = nil) async -> Result {
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
        if parsed.option("--data-dir")?.isEmpty == true {
            return Result(status: .usage, output: "",
                          errorOutput: "cps \(name): --data-dir needs a path; \"\" would be the current directory (write --data-dir . for it).\n")
        }
        // An empty CPS_DATA_DIR counts as unset, like an empty CPS_NOW.
        let dataPath = parsed.option("--data-dir") ?? environment["CPS_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "cps-data"
        let invocation = CommandInvocation(
            arguments: parsed, json: parsed.flag("--json"), language: language,
            dataDirectory: URL(fileURLWithPath: dataPath), environment: environment, readLine: readLine,
            readAll: readAll)
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
          --keys FILE       the token key file, outside the data directory, mode 600 (default
                            CPS_TOKEN_KEYS_FILE, else PATH.keys beside the data directory, created
                            with a new key when missing; Documentation/Security.md)
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
