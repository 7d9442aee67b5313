import CPSKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reopening a `FileRecordStore` of many records (a compacted snapshot and an empty journal) against
/// reading the same files once with `read(2)`.
enum ReopenBench {
    static let workload = Workload(name: "file-store-reopen", targetRatio: 5) { context in
        let count = context.size(1_000_000, smoke: 5_000)
        let directory = try context.directory("reopen")
        do {
            let store = try await FileRecordStore.open(directory: directory, options: FileStoreOptions(compactionThreshold: 0))
            defer { store.close() }
            var start = 0
            while start < count {
                let end = min(count, start + 1_000)
                try await store.commit(WriteBatch((start..<end).map { .put(FileStoreSession.envelope($0), expectedVersion: 0) }))
                start = end
            }
            try await store.compact()
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0 == "snapshot" || $0 == "journal" }.map { directory.appendingPathComponent($0).path }
        var bytes = 0
        var reopened = 0
        let (ours, baseline) = try await Clock.compare(repetitions: context.repetitions, ours: {
            // Only the opening is timed: closing and freeing a million records is not part of it.
            var store: FileRecordStore?
            let seconds = try await Clock.time { store = try await FileRecordStore.open(directory: directory) }
            reopened = store?.count ?? 0
            await store?.close()
            store = nil
            return seconds
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
