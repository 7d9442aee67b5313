import Foundation

/// Runs a Python baseline script (`Scripts/bench_*.py`) as a subprocess and reads the JSON object
/// it prints on its last line of standard output. The scripts time their own work, so neither
/// interpreter start-up nor module import counts against the baseline.
enum Python {
    static func run(_ script: String, _ arguments: [String], in context: BenchContext) throws -> [String: Any] {
        let path = context.scripts.appendingPathComponent(script).path
        guard FileManager.default.fileExists(atPath: path) else { throw BenchFailure("\(path) not found") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", path] + arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch { throw BenchFailure("cannot start python3: \(error)") }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = errorText.split(separator: "\n").last.map(String.init) ?? "exit \(process.terminationStatus)"
            throw BenchFailure("python3 \(script) failed: \(reason)")
        }
        let lastLine = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        guard let object = try? JSONSerialization.jsonObject(with: Data(lastLine.utf8)) as? [String: Any] else {
            throw BenchFailure("python3 \(script) printed no JSON result")
        }
        return object
    }

    /// The median of the `seconds` array a script reports.
    static func medianSeconds(_ object: [String: Any]) throws -> Double {
        guard let seconds = object["seconds"] as? [Double], !seconds.isEmpty else {
            throw BenchFailure("baseline reported no timings")
        }
        return Clock.median(seconds)
    }
}
