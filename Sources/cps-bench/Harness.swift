import Foundation

/// What a row compares: durations in seconds or sizes in bytes.
enum BenchUnit: String, Sendable {
    case seconds
    case bytes
}

/// One measured comparison: ours against the baseline of the same run, both medians.
struct Comparison: Sendable {
    var ours: Double
    var baseline: Double
    var unit: BenchUnit = .seconds
    /// Extra facts printed after the figures (sizes, counts, fsyncs).
    var notes: [String: String] = [:]

    var ratio: Double { baseline > 0 ? ours / baseline : .infinity }
}

/// A workload of the benchmark: its name, its target ratio and how to run it at a size.
struct Workload: Sendable {
    let name: String
    /// The comparison passes when `ratio <= targetRatio`.
    let targetRatio: Double
    let run: @Sendable (BenchContext) async throws -> Comparison
}

/// Sizes, repetitions and paths shared by every workload.
struct BenchContext: Sendable {
    /// `true` for the CI smoke run: tiny sizes, one repetition where a workload allows it.
    let smoke: Bool
    /// How often each side of a timed comparison runs (the median is reported).
    let repetitions: Int
    /// Where the Python baselines live (`Scripts/`).
    let scripts: URL
    /// A scratch directory for files, removed at the end.
    let scratch: URL
    /// Scales the full sizes (`--scale`, for profiling a workload at a fraction of its size).
    var scale: Double = 1
    /// Whether the journey runs at the issue's sizes (`--journey-full`: 10,000 and 100,000 accounts).
    var journeyFull = false
    /// Only this side of the growth rows, once (`--growth-side`); `nil` for both.
    var growthSide: GrowthSide?

    /// `full` (times ``scale``) normally, `smoke` in a smoke run.
    func size(_ full: Int, smoke small: Int) -> Int { smoke ? small : max(1, Int(Double(full) * scale)) }

    /// A fresh directory below ``scratch``.
    func directory(_ name: String) throws -> URL {
        let url = scratch.appendingPathComponent(name + "-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// One printed row: a comparison, or why the workload could not run.
struct BenchRow: Sendable {
    let name: String
    let targetRatio: Double
    let result: Result<Comparison, BenchFailure>

    var met: Bool {
        if case .success(let comparison) = result { return comparison.ratio <= targetRatio }
        return false
    }

    var line: String {
        switch result {
        case .success(let c):
            var text = "\(name) ours=\(Format.value(c.ours, c.unit)) baseline=\(Format.value(c.baseline, c.unit)) "
                + "ratio=\(Format.ratio(c.ratio)) target<=\(Format.ratio(targetRatio)) \(met ? "met" : "MISSED")"
            for key in c.notes.keys.sorted() { text += " \(key)=\(c.notes[key] ?? "")" }
            return text
        case .failure(let failure):
            return "\(name) ours=- baseline=- ratio=- target<=\(Format.ratio(targetRatio)) NOT RUN: \(failure.description)"
        }
    }

    var json: [String: Any] {
        var object: [String: Any] = ["name": name, "target": targetRatio]
        switch result {
        case .success(let c):
            object["ours"] = c.ours
            object["baseline"] = c.baseline
            object["ratio"] = c.ratio.isFinite ? c.ratio : NSNull()
            object["unit"] = c.unit.rawValue
            object["met"] = met
            object["notes"] = c.notes
        case .failure(let failure):
            object["error"] = failure.description
        }
        return object
    }
}

/// Why a workload could not run.
struct BenchFailure: Error, CustomStringConvertible, Sendable {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Monotonic timing and medians.
enum Clock {
    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// The seconds `body` takes.
    static func time(_ body: () throws -> Void) rethrows -> Double {
        let start = now()
        try body()
        return now() - start
    }

    /// The seconds `body` takes (async).
    static func time(_ body: () async throws -> Void) async rethrows -> Double {
        let start = now()
        try await body()
        return now() - start
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Runs `ours` and `baseline` alternately `repetitions` times and returns both medians.
    static func compare(repetitions: Int, ours: () throws -> Double, baseline: () throws -> Double) rethrows -> (Double, Double) {
        var a: [Double] = []
        var b: [Double] = []
        for _ in 0..<max(1, repetitions) {
            b.append(try baseline())
            a.append(try ours())
        }
        return (median(a), median(b))
    }

    /// The async form of ``compare(repetitions:ours:baseline:)``.
    static func compare(repetitions: Int, ours: () async throws -> Double,
                        baseline: () async throws -> Double) async rethrows -> (Double, Double) {
        var a: [Double] = []
        var b: [Double] = []
        for _ in 0..<max(1, repetitions) {
            b.append(try await baseline())
            a.append(try await ours())
        }
        return (median(a), median(b))
    }
}

/// Number formatting for the lines.
enum Format {
    static func value(_ value: Double, _ unit: BenchUnit) -> String {
        switch unit {
        case .seconds:
            if value < 1e-3 { return String(format: "%.1fus", value * 1e6) }
            if value < 1 { return String(format: "%.2fms", value * 1e3) }
            return String(format: "%.3fs", value)
        case .bytes:
            return String(format: "%.0fB", value)
        }
    }

    static func ratio(_ value: Double) -> String {
        guard value.isFinite else { return "inf" }
        return value < 0.1 ? String(format: "%.4f", value) : String(format: "%.3f", value)
    }
}

/// Keeps a value alive and observed, so the optimiser cannot drop the work that produced it.
@inline(never)
func blackHole<T>(_ value: T) {
    withUnsafePointer(to: value) { pointer in
        if UInt(bitPattern: pointer) == 1 { print("") }
    }
}
