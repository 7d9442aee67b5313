import CPSKit
import Foundation

/// Everything one run of a command sees: its arguments, the global options, the environment and
/// the output streams. Commands print only through it, so tests capture their output.
package final class CommandInvocation: @unchecked Sendable {
    // @unchecked: a command runs on one task; the buffers are only touched from it.
    /// The command's own arguments.
    package let arguments: Arguments
    /// `--json`: print machine-readable JSON instead of text.
    package let json: Bool
    /// `--lang sv|en`: the language of texts (English by default).
    package let language: Language
    /// The data directory: `--data-dir`, else `CPS_DATA_DIR`, else `./cps-data`.
    package let dataDirectory: URL
    /// The process environment.
    package let environment: [String: String]
    private let readLineSource: () -> [UInt8]?
    private var linesRead = 0
    /// All of standard input as bytes, for `-` as a file (the process's real bytes, unrepaired);
    /// `nil` in tests, where the given lines are joined.
    private let readAllSource: (@Sendable () -> Data)?
    private(set) var standardOutput = ""
    private(set) var standardError = ""
    /// Bytes written to standard output after the text (a PDF, an XML document), never decoded.
    private(set) var standardOutputBytes = Data()

    init(arguments: Arguments, json: Bool, language: Language, dataDirectory: URL,
         environment: [String: String], readLine: @escaping () -> [UInt8]?, readAll: (@Sendable () -> Data)? = nil) {
        self.arguments = arguments
        self.json = json
        self.language = language
        self.dataDirectory = dataDirectory
        self.environment = environment
        self.readLineSource = readLine
        self.readAllSource = readAll
    }

    /// Prints one line to standard output.
    package func print(_ line: String) { standardOutput += line + "\n" }

    /// Writes `bytes` to standard output as they are (after any printed text): `cps invoice pdf`.
    package func write(bytes: some Sequence<UInt8>) { standardOutputBytes.append(contentsOf: bytes) }

    /// Prints one line to standard error.
    package func printError(_ line: String) { standardError += line + "\n" }

    /// Prints `value` as pretty, key-sorted JSON.
    package func printJSON<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(value)
        print(String(decoding: data, as: UTF8.self))
    }

    /// The next line of standard input, or `nil` at its end; a line that is not valid UTF-8 is a
    /// usage error naming the line and its bytes (never repaired with U+FFFD).
    package func readLine() throws(CommandError) -> String? {
        guard let bytes = readLineSource() else { return nil }
        linesRead += 1
        guard let line = String(validating: bytes, as: UTF8.self) else {
            throw CommandError(.lineNotUTF8, arguments: ["line": .number(linesRead), "bytes": .text(CommandError.hex(bytes))])
        }
        return line
    }

    /// The rest of standard input as bytes: the process's own bytes (so a file given as `-` is
    /// checked for UTF-8 as it is), or in tests the given lines joined with newlines.
    package func readAll() -> Data {
        if let readAllSource { return readAllSource() }
        var lines: [[UInt8]] = []
        while let line = readLineSource() { lines.append(line) }
        return Data(lines.joined(separator: [0x0A]))
    }
}
