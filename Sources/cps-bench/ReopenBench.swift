import CPSKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Cold start of a `FileRecordStore` of many records (a compacted snapshot and an empty journal),
/// issue 17 item 1:
///
/// - `file-store-reopen`: open + the first look-up by ID, against reading the same files once with
///   `read(2)` (target ≤ 5 ×).
/// - `file-store-open-lookup-vs-sqlite`: the same open + look-up against Python's `sqlite3` doing
///   connect + one primary-key SELECT on the same records (`Scripts/bench_sqlite_lookup.py`, timed
///   inside Python; target ≤ 2 ×).
///
/// Both rows use one store, built once per run.
enum ReopenBench {
    static let workload = Workload(name: "file-store-reopen", targetRatio: 5) { context in
        let (directory, count) = try await store(context)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0 == "snapshot" || $0 == "journal" }.map { directory.appendingPathComponent($0).path }
        var bytes = 0
        var reopened = 0
        let (ours, baseline) = try await Clock.compare(repetitions: context.repetitions, ours: {
            try await openAndLookUp(directory, count: count) { reopened = $0 }
        }, baseline: {
            // From the page cache, as ours then reads it: one untimed read first (on this machine a
            // freed million-record heap can push the files out of the cache, which would flatter us).
            _ = try readOnce(files)
            return try Clock.time { bytes = try readOnce(files) }
        })
        guard reopened == count else { throw BenchFailure("reopened \(reopened) of \(count) records") }
        return Comparison(ours: ours, baseline: baseline,
                          notes: ["records": String(count), "bytes": String(bytes)])
    }

    static let sqlite = Workload(name: "file-store-open-lookup-vs-sqlite", targetRatio: 2) { context in
        let (directory, count) = try await store(context)
        let database = directory.deletingLastPathComponent().appendingPathComponent("lookup-sqlite.db").path
        let id = "product-\(count / 2)"
        // Builds the database on first use (untimed), then times connect + SELECT inside Python.
        let result = try Python.run("bench_sqlite_lookup.py", [database, String(count), id, String(max(context.repetitions, 5))],
                                    in: context)
        let baseline = try Python.medianSeconds(result)
        var times: [Double] = []
        _ = try await openAndLookUp(directory, count: count) { _ in } // warm the page cache, as Python's first round
        for _ in 0..<max(context.repetitions, 5) {
            times.append(try await openAndLookUp(directory, count: count) { _ in })
        }
        return Comparison(ours: Clock.median(times), baseline: baseline, notes: ["records": String(count)])
    }

    /// Opens the store and reads one record by ID: the time of both (closing is not timed).
    private static func openAndLookUp(_ directory: URL, count: Int, opened: (Int) -> Void) async throws -> Double {
        var store: FileRecordStore?
        let id = "product-\(count / 2)"
        let seconds = try await Clock.time {
            let open = try await FileRecordStore.open(directory: directory)
            store = open
            guard try await open.record(kind: "product", id: id) != nil else { throw BenchFailure("\(id) not found") }
        }
        opened(store?.count ?? 0)
        if let store { closeNow(store) }
        store = nil
        return seconds
    }

    /// The synchronous close (the async one would wait for commits in flight: there are none).
    private static func closeNow(_ store: FileRecordStore) { store.close() }

    /// The compacted store of the run (built by the first row that needs it) and its record count.
    private static func store(_ context: BenchContext) async throws -> (URL, Int) {
        let count = context.size(1_000_000, smoke: 5_000)
        let directory = context.scratch.appendingPathComponent("reopen-store")
        if FileManager.default.fileExists(atPath: directory.appendingPathComponent("snapshot").path) { return (directory, count) }
        try? FileManager.default.removeItem(at: directory)
        let store = try await FileRecordStore.open(directory: directory, options: FileStoreOptions(compactionThreshold: 0))
        defer { store.close() }
        var start = 0
        while start < count {
            let end = min(count, start + 1_000)
            try await store.commit(WriteBatch((start..<end).map { .put(FileStoreSession.envelope($0), expectedVersion: 0) }))
            start = end
        }
        try await store.compact()
        return (directory, count)
    }

    /// Reads every file completely, once, through one reused 1 MiB buffer (as `cat` would); returns
    /// the bytes read. (Reading into one buffer of the file's size costs more here: its page faults.)
    static func readOnce(_ paths: [String]) throws -> Int {
        let chunk = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 16)
        defer { buffer.deallocate() }
        var total = 0
        var check: UInt8 = 0
        for path in paths {
            let fd = open(path, O_RDONLY)
            guard fd >= 0 else { throw BenchFailure("cannot open \(path)") }
            defer { close(fd) }
            while true {
                let got = read(fd, buffer.baseAddress, chunk)
                guard got >= 0 else { throw BenchFailure("cannot read \(path)") }
                if got == 0 { break }
                check &+= buffer[got - 1]
                total += got
            }
        }
        blackHole(check)
        return total
    }
}
