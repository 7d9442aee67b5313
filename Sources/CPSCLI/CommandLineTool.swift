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
        /// The bytes written to standard output after ``output`` (`cps invoice pdf` without `--out`).
        package var outputBytes = Data()
    }

    static let globalValued: Set<String> = ["--lang", "--data-dir", "--keys"]
    static let globalFlags: Set<String> = ["--json", "--help", "-h"]

    /// Runs `cps` with `arguments` (without the program name) and returns what it printed.
    package static func run(_ arguments: [String], environment: [String: String] = [:],
                           input: [String] = []) async -> Result {
        await run(arguments, environment: environment, rawInput: input.map { Array($0.utf8) })
    }

    /// Runs `cps` with standard input given as the raw bytes of its lines (without newlines), as a
    /// pipe would deliver them: a line that is not UTF-8 is a usage error.
    package static func run(_ arguments: [String], environment: [String: String] = [:],
                           rawInput: [[UInt8]]) async -> Result {
        let lines = InputLines(rawInput)
        return await run(arguments, environment: environment, readLine: { lines.next() })
    }

    /// Runs `cps` with the raw bytes of its arguments (without the program name), as the process
    /// receives them: an argument that is not valid UTF-8 is a usage error (64) and nothing runs,
    /// instead of a text with U+FFFD in place of the bad bytes being stored.
    package static func run(rawArguments: [[UInt8]], environment: [String: String] = [:],
                            input: [String] = []) async -> Result {
        let arguments: [String]
        do { arguments = try decode(rawArguments) } catch {
            let language = language(decodable: rawArguments, environment: environment)
            return Result(status: .usage, output: "", errorOutput: "cps: \(error.message(in: language))\n")
        }
        return await run(arguments, environment: environment, input: input)
    }

    /// Runs `cps` as the process: real standard input, output and exit code. `rawArguments` are the
    /// bytes of `CommandLine.unsafeArgv` after the program name, checked by ``decode(_:)``.
    package static func main(rawArguments: [[UInt8]], environment: [String: String]) async -> Int32 {
        let result: Result
        do {
            let arguments = try decode(rawArguments)
            let input = InputLines(standardInput: .standardInput)
            result = await run(arguments, environment: environment, readLine: { input.next() },
                               readAll: { input.rest() })
        } catch {
            let language = language(decodable: rawArguments, environment: environment)
            result = Result(status: .usage, output: "", errorOutput: "cps: \(error.message(in: language))\n")
        }
        FileHandle.standardOutput.write(Data(result.output.utf8))
        if !result.outputBytes.isEmpty { FileHandle.standardOutput.write(result.outputBytes) }
        FileHandle.standardError.write(Data(result.errorOutput.utf8))
        return result.status.rawValue
    }

    /// The language of messages before the arguments are parsed: `--lang X` or `--lang=X` among
    /// the arguments that are valid UTF-8, else `CPS_LANG`, else English.
    static func language(_ arguments: [String], environment: [String: String]) -> Language {
        for (index, argument) in arguments.enumerated() {
            if argument.hasPrefix("--lang=") { return Language(String(argument.dropFirst("--lang=".count))) }
            if argument == "--lang", index + 1 < arguments.count { return Language(arguments[index + 1]) }
        }
        return Language(environment["CPS_LANG"] ?? "en")
    }

    /// ``language(_:environment:)`` over the raw arguments, skipping those that are not UTF-8.
    static func language(decodable rawArguments: [[UInt8]], environment: [String: String]) -> Language {
        language(rawArguments.map { String(validating: $0, as: UTF8.self) ?? "" }, environment: environment)
    }

    /// The arguments as text, or a usage error naming the first one that is not valid UTF-8 (its
    /// bytes shown in hex). `CommandLine.arguments` would have replaced the bad bytes by U+FFFD.
    package static func decode(_ rawArguments: [[UInt8]]) throws(CommandError) -> [String] {
        var arguments: [String] = []
        arguments.reserveCapacity(rawArguments.count)
        for (index, bytes) in rawArguments.enumerated() {
            guard let text = String(validating: bytes, as: UTF8.self) else {
                throw CommandError(.argumentNotUTF8, arguments: ["line": .number(index + 1),
                                                                  "bytes": .text(CommandError.hex(bytes))])
            }
            arguments.append(text)
        }
        return arguments
    }

    static func run(_ arguments: [String], environment: [String: String],
                    readLine: @escaping () -> [UInt8]?, readAll: (@Sendable () -> Data)? = nil) async -> Result {
        var rest = arguments
        let wantsHelpFirst = rest.first == "--help" || rest.first == "-h" || rest.first == "help"
        guard let name = rest.first, !wantsHelpFirst else {
            if wantsHelpFirst, rest.count > 1, let command = commands.first(where: { $0.name == rest[1] }) {
                return Result(status: .success, output: command.help + "\n", errorOutput: "")
            }
            return Result(status: rest.isEmpty ? .usage : .success, output: overview(), errorOutput: "")
        }
        rest.removeFirst()
        let early = language(rest, environment: environment)
        guard let command = commands.first(where: { $0.name == name }) else {
            return Result(status: .usage, output: "",
                          errorOutput: "cps: \(CommandError(.unknownCommand, ["value": name]).message(in: early))\n")
        }
        let parsed: Arguments
        do {
            parsed = try Arguments(rest, valued: globalValued.union(command.valuedOptions))
        } catch {
            return Result(status: .usage, output: "", errorOutput: "cps \(name): \(error.message(in: early))\n\(command.help)\n")
        }
        if parsed.flag("--help") || parsed.flag("-h") {
            return Result(status: .success, output: command.help + "\n", errorOutput: "")
        }
        let language = Language(parsed.option("--lang") ?? environment["CPS_LANG"] ?? "en")
        if parsed.option("--data-dir")?.isEmpty == true {
            return Result(status: .usage, output: "",
                          errorOutput: "cps \(name): \(CommandError(.emptyDataDirectory).message(in: language))\n")
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
        } catch let error as CommandError where error.isUsage {
            invocation.printError("cps \(name): \(error.message(in: language))")
            invocation.printError(TextCatalog.standard.render("cli.seeHelp", ["command": name], in: language))
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
        return Result(status: status, output: invocation.standardOutput, errorOutput: invocation.standardError,
                      outputBytes: invocation.standardOutputBytes)
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
