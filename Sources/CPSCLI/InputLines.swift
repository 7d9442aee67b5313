import Foundation

/// Standard input as lines of raw bytes, for `cps vat` and `cps workdays --batch` (issue 15 item 4):
/// the bytes as the process receives them, so that a line that is not UTF-8 is refused instead of
/// repaired with U+FFFD as `Swift.readLine()` would. A line ends at LF; a CR before it is dropped.
final class InputLines: @unchecked Sendable {
    // @unchecked: read only by the single task that runs the command.
    private var lines: [[UInt8]]
    private var source: FileHandle?

    /// Lines given in advance (tests).
    init(_ lines: [[UInt8]]) { self.lines = lines.reversed() }

    /// The lines of `handle`, read to its end on the first call.
    init(standardInput handle: FileHandle) {
        self.lines = []
        self.source = handle
    }

    /// The next line without its line end, or `nil` at the end of the input.
    func next() -> [UInt8]? {
        fill()
        return lines.popLast()
    }

    /// What is left of the input as bytes, lines joined with LF (for a file given as `-`).
    func rest() -> Data {
        if let source {
            self.source = nil
            return source.readDataToEndOfFile()
        }
        var data = Data()
        while let line = lines.popLast() {
            data.append(contentsOf: line)
            if !lines.isEmpty { data.append(0x0A) }
        }
        return data
    }

    private func fill() {
        guard let source else { return }
        self.source = nil
        let bytes = [UInt8](source.readDataToEndOfFile())
        var split = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { line -> [UInt8] in
            line.last == 0x0D ? Array(line.dropLast()) : Array(line)
        }
        if bytes.last == 0x0A || bytes.isEmpty { split.removeLast() }
        lines = split.reversed()
    }
}
