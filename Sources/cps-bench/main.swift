// cps-bench: the cost of CPSKit's hot paths as ratios against baselines measured in the same run
// (Documentation/Benchmarks.md). `swift run -c release cps-bench [--smoke] [--json] [--repetitions N]
// [--scale F] [--journey-full] [--only NAME[,NAME…]] [--scripts DIR] [--scratch DIR]`.
//
// One line per workload: `NAME ours=… baseline=… ratio=… target<=… met|MISSED [notes]`. Every row is
// always printed; a row that could not run says why, and the exit status is then 1. A full run that
// misses a target exits 2; a smoke run (`--smoke`, tiny sizes, for CI) ignores targets.
import Dispatch
import Foundation
import Synchronization

let workloads: [Workload] = [
    LevelEligibilityBench.workload,
    VATBench.workload,
    InMemoryStoreBench.workload,
    FileStoreSession.commit,
    FileStoreSession.groupCommit,
    FileStoreSession.sqlite,
    ReopenBench.workload,
    ReopenBench.sqlite,
    JourneyBench.workload,
    JourneyCodecBench.workload,
    MigrationSession.migration,
    MigrationSession.pointsRead,
    ProductMemoryBench.workload,
    PayloadCodecBench.product,
    PayloadCodecBench.ledger,
    PayloadCodecBench.balance,
    PasswordHashingBench.pbkdf2,
    PasswordHashingBench.signIn,
    JobBacklogBench.workload,
]

let options = BenchOptions(CommandLine.arguments.dropFirst())
if let problem = options.problem {
    FileHandle.standardError.write(Data("cps-bench: \(problem)\n".utf8))
    exit(64)
}
let scratch = options.scratch.appendingPathComponent("cps-bench-\(getpid())")
do {
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
} catch {
    FileHandle.standardError.write(Data("cps-bench: cannot create \(scratch.path): \(error)\n".utf8))
    exit(73)
}
let context = BenchContext(smoke: options.smoke, repetitions: options.repetitions ?? (options.smoke ? 1 : 5),
                           scripts: options.scripts, scratch: scratch, scale: options.scale,
                           journeyFull: options.journeyFull, growthSide: options.growthSide)

/// Runs the selected workloads, printing each row as it is done.
func runWorkloads(_ options: BenchOptions, _ context: BenchContext) async -> [BenchRow] {
    var rows: [BenchRow] = []
    for workload in workloads where options.only.isEmpty || options.only.contains(workload.name) {
        let result: Result<Comparison, BenchFailure>
        do {
            result = .success(try await workload.run(context))
        } catch let failure as BenchFailure {
            result = .failure(failure)
        } catch {
            result = .failure(BenchFailure("\(error)"))
        }
        let row = BenchRow(name: workload.name, targetRatio: workload.targetRatio, result: result)
        rows.append(row)
        if options.json {
            FileHandle.standardError.write(Data((row.line + "\n").utf8))
        } else {
            FileHandle.standardOutput.write(Data((row.line + "\n").utf8))
        }
    }
    return rows
}

// The main thread waits on a semaphore instead of being an async main: valgrind 3.19 (callgrind, for
// the instruction counts of issue 17 item 6) crashes in libdispatch's main-thread signal loop that an
// async main parks in.
let finished = DispatchSemaphore(value: 0)
let collected = Mutex<[BenchRow]>([])
Task.detached {
    let rows = await runWorkloads(options, context)
    collected.withLock { $0 = rows }
    finished.signal()
}
finished.wait()
let rows = collected.withLock { $0 }
try? FileManager.default.removeItem(at: scratch)
if (try? FileManager.default.contentsOfDirectory(atPath: options.scratch.path))?.isEmpty == true {
    try? FileManager.default.removeItem(at: options.scratch)
}

if options.json {
    let document: [String: Any] = [
        "smoke": options.smoke, "repetitions": context.repetitions,
        "processors": ProcessInfo.processInfo.activeProcessorCount, "rows": rows.map(\.json),
    ]
    if let data = try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys]) {
        print(String(decoding: data, as: UTF8.self))
    }
}
let notRun = rows.contains { if case .failure = $0.result { return true } else { return false } }
if notRun { exit(1) }
if !options.smoke && rows.contains(where: { !$0.met }) { exit(2) }
exit(0)
