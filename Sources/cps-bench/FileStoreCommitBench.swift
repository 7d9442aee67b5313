import CPSKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The three `fsync`-bound comparisons of `FileRecordStore`, measured together in interleaved rounds
/// so that every side sees the same disk load (a shared disk's `fsync` time drifts a lot):
///
/// - `file-store-commit`: single-record commits, one writer, against appending the same frame bytes
///   (read back from the store's own journal) to a file with `write` + `fsync` each;
/// - `file-store-group-commit`: the same records committed by 8 concurrent writers, against the
///   single-writer time;
/// - `file-store-vs-sqlite`: the single-writer time against the same records into SQLite (WAL,
///   synchronous=FULL), one transaction each (`Scripts/bench_sqlite.py`).
///
/// Each round commits `records / rounds` records on every side; the medians of the rounds are scaled
/// to the whole count.
enum FileStoreSession {
    struct Result: Sendable {
        let single: Double
        let raw: Double
        let concurrent: Double
        let sqlite: Double
        let singleSyncs: Int
        let concurrentSyncs: Int
        let records: Int
    }

    static let shared = MeasuredOnce<Result>(measure)

    static func envelope(_ number: Int) -> RecordEnvelope {
        var payload = Data("{\"product\":\(number),\"padding\":\"".utf8)
        payload.append(Data(repeating: 0x78, count: max(0, 118 - payload.count)))
        payload.append(Data("\"}".utf8))
        return RecordEnvelope(kind: "product", id: "product-\(number)", version: 0, payload: payload,
                              uniqueKeys: ["serial:EOSR5:\(number)"], indexKeys: ["account:account-\(number % 100)"])
    }

    static func measure(_ context: BenchContext) async throws -> Result {
        let total = context.size(10_000, smoke: 200)
        let rounds = context.smoke ? 1 : 5
        let perRound = total / rounds
        let envelopes = (0..<total).map(envelope)
        let directory = try context.directory("file-store")

        // The same records for SQLite, one a line.
        let recordsFile = directory.appendingPathComponent("records.tsv")
        let lines = envelopes.map { envelope in
            [envelope.kind, envelope.id, envelope.uniqueKeys[0], envelope.indexKeys[0],
             envelope.payload.map { String(format: "%02x", $0) }.joined()].joined(separator: "\t")
        }
        try Data(lines.joined(separator: "\n").utf8).write(to: recordsFile)

        let singleDirectory = directory.appendingPathComponent("single")
        let concurrentDirectory = directory.appendingPathComponent("concurrent")
        let single = try await FileRecordStore.open(directory: singleDirectory)
        let concurrent = try await FileRecordStore.open(directory: concurrentDirectory)
        defer { single.close(); concurrent.close() }
        let rawPath = directory.appendingPathComponent("raw.log").path
        let raw = open(rawPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard raw >= 0 else { throw BenchFailure("cannot create \(rawPath)") }
        defer { close(raw) }

        var singleTimes: [Double] = [], rawTimes: [Double] = [], concurrentTimes: [Double] = [], sqliteTimes: [Double] = []
        for round in 0..<rounds {
            let slice = Array(envelopes[round * perRound..<(round + 1) * perRound])
            // Ours, one writer.
            let before = single.statistics.journalLength
            singleTimes.append(try await Clock.time {
                for envelope in slice { try await single.commit(WriteBatch([.put(envelope, expectedVersion: 0)])) }
            })
            // The same frame bytes, appended and synced one by one.
            let frames = try journalFrames(singleDirectory.appendingPathComponent("journal"), from: before,
                                           to: single.statistics.journalLength)
            guard frames.count == slice.count else {
                throw BenchFailure("expected \(slice.count) journal frames, found \(frames.count)")
            }
            rawTimes.append(try Clock.time {
                for frame in frames {
                    let written = frame.withUnsafeBytes { write(raw, $0.baseAddress, $0.count) }
                    guard written == frame.count, fsync(raw) == 0 else { throw BenchFailure("raw append failed") }
                }
            })
            // Ours, 8 writers sharing the round's records.
            concurrentTimes.append(try await Clock.time {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for writer in 0..<8 {
                        group.addTask {
                            for index in stride(from: writer, to: slice.count, by: 8) {
                                try await concurrent.commit(WriteBatch([.put(slice[index], expectedVersion: 0)]))
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            })
            // SQLite, the same records.
            let sqlite = try Python.run("bench_sqlite.py", [directory.appendingPathComponent("sqlite.db").path, recordsFile.path,
                                                           String(round * perRound), String((round + 1) * perRound)], in: context)
            sqliteTimes.append(try Python.medianSeconds(sqlite))
        }
        let scale = Double(rounds)
        return Result(single: Clock.median(singleTimes) * scale, raw: Clock.median(rawTimes) * scale,
                      concurrent: Clock.median(concurrentTimes) * scale, sqlite: Clock.median(sqliteTimes) * scale,
                      singleSyncs: single.statistics.journalSyncs, concurrentSyncs: concurrent.statistics.journalSyncs,
                      records: perRound * rounds)
    }

    /// The frames (header and payload, exactly as written) between two journal offsets.
    static func journalFrames(_ url: URL, from start: Int, to end: Int) throws -> [Data] {
        let data = try Data(contentsOf: url)
        guard end <= data.count, start <= end else { throw BenchFailure("journal shorter than its statistics") }
        var frames: [Data] = []
        var offset = start
        while offset + 12 <= end {
            let length = data[data.startIndex + offset + 4..<data.startIndex + offset + 8].enumerated()
                .reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
            frames.append(data[data.startIndex + offset..<data.startIndex + offset + 12 + length])
            offset += 12 + length
        }
        return frames
    }

    static let commit = Workload(name: "file-store-commit", targetRatio: 1.5) { context in
        let result = try await shared.result(context).get()
        return Comparison(ours: result.single, baseline: result.raw,
                          notes: ["commits": String(result.records), "fsyncs": String(result.singleSyncs)])
    }

    static let groupCommit = Workload(name: "file-store-group-commit", targetRatio: 0.25) { context in
        let result = try await shared.result(context).get()
        return Comparison(ours: result.concurrent, baseline: result.single,
                          notes: ["commits": String(result.records), "writers": "8", "fsyncs": String(result.concurrentSyncs)])
    }

    static let sqlite = Workload(name: "file-store-vs-sqlite", targetRatio: 1) { context in
        let result = try await shared.result(context).get()
        return Comparison(ours: result.single, baseline: result.sqlite, notes: ["records": String(result.records)])
    }
}
