import Foundation

/// The command line of `cps-bench`.
struct BenchOptions {
    var smoke = false
    var json = false
    var repetitions: Int?
    var scale: Double = 1
    var journeyFull = false
    /// `--growth-side small|large`: the growth rows run only that side, once (for counting its
    /// instructions under callgrind, issue 17 item 6).
    var growthSide: GrowthSide?
    var only: Set<String> = []
    var scripts: URL
    var scratch: URL
    var problem: String?

    init<Arguments: Sequence<String>>(_ arguments: Arguments) {
        // The Python baselines sit in the package's Scripts folder, found from this source file.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        scripts = root.appendingPathComponent("Scripts")
        if !FileManager.default.fileExists(atPath: scripts.path) {
            scripts = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Scripts")
        }
        // Files go to a real disk (never a RAM-backed /tmp would make `fsync` free): the working directory.
        scratch = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".bench-scratch")
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--smoke": smoke = true
            case "--json": json = true
            case "--journey-full": journeyFull = true
            case "--growth-side":
                guard let value = iterator.next().flatMap(GrowthSide.init(rawValue:)) else {
                    problem = "--growth-side needs small or large"; return
                }
                growthSide = value
            case "--repetitions":
                guard let value = iterator.next().flatMap(Int.init), value > 0 else { problem = "--repetitions needs a count"; return }
                repetitions = value
            case "--scale":
                guard let value = iterator.next().flatMap(Double.init), value > 0 else { problem = "--scale needs a factor"; return }
                scale = value
            case "--only":
                guard let value = iterator.next() else { problem = "--only needs workload names"; return }
                only = Set(value.split(separator: ",").map(String.init))
            case "--scripts":
                guard let value = iterator.next() else { problem = "--scripts needs a directory"; return }
                scripts = URL(fileURLWithPath: value)
            case "--scratch":
                guard let value = iterator.next() else { problem = "--scratch needs a directory"; return }
                scratch = URL(fileURLWithPath: value)
            default:
                problem = "unknown argument \(argument) (use --smoke, --json, --repetitions N, --scale F, --journey-full, --growth-side small|large, --only NAMES, --scripts DIR, --scratch DIR)"
                return
            }
        }
    }
}

/// One side of a growth comparison.
enum GrowthSide: String, Sendable {
    case small, large
}
