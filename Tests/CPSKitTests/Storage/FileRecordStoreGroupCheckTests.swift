@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Group commit with check writes, and `close()` waiting for queued commits (R-UOW-1, R-ADP-1). The
/// simulated disk holds the first `fsync`, so the batches after it queue up into one group in a known
/// order.
@Suite("File store: checks in group commit, close() after the commits in flight (R-UOW-1, R-ADP-1)")
struct FileRecordStoreGroupCheckTests {
    private let directory = URL(fileURLWithPath: "/data/store")

    private func open(_ disk: SimulatedDisk) async throws(StorageError) -> FileRecordStore {
        try await FileRecordStore.open(directory: directory, options: FileStoreOptions(fileSystem: disk, compactionThreshold: 0))
    }

    private func note(_ id: String, _ text: String = "x") -> RecordEnvelope {
        RecordEnvelope(kind: SampleNote.kind, id: id, version: 0, payload: Data(text.utf8))
    }

    private func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = Date().addingTimeInterval(120)
        while !condition() {
            guard Date() < deadline else { throw StorageError(.unavailable, detail: "timed out waiting in a test") }
            try await Task.sleep(nanoseconds: 1_000_000)
        }
    }

    /// Holds the disk's syncs while a first commit leads, queues `batches` in order behind it, lets
    /// the disk go and returns each batch's outcome.
    private func queued(_ store: FileRecordStore, _ disk: SimulatedDisk,
                        _ batches: [WriteBatch]) async throws -> [Result<[RecordEnvelope], StorageError>] {
        try await SyncHoldTurn.shared.exclusive { try await queuedNow(store, disk, batches) }
    }

    private func queuedNow(_ store: FileRecordStore, _ disk: SimulatedDisk,
                           _ batches: [WriteBatch]) async throws -> [Result<[RecordEnvelope], StorageError>] {
        disk.holdSyncs()
        let first = Task { try await store.commit(WriteBatch([.put(note("lead-\(UUID().uuidString)"), expectedVersion: 0)])) }
        try await waitUntil { disk.heldSyncs == 1 }
        var tasks: [Task<Result<[RecordEnvelope], StorageError>, Never>] = []
        for (index, batch) in batches.enumerated() {
            tasks.append(Task {
                do throws(StorageError) { return .success(try await store.commit(batch)) } catch { return .failure(error) }
            })
            try await waitUntil { store.statistics.waitingCommits == index + 1 }
        }
        disk.releaseSyncs()
        _ = try await first.value
        var results: [Result<[RecordEnvelope], StorageError>] = []
        for task in tasks { results.append(await task.value) }
        return results
    }

    @Test("R-UOW-1: batches that only check one record share a group (one fsync) and all commit")
    func checksOfOneRecordCommute() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        try await store.commit(WriteBatch([.put(note("x"), expectedVersion: 0)]))
        let syncs = store.statistics.journalSyncs
        let results = try await queued(store, disk, (0..<6).map { index in
            WriteBatch([.check(kind: SampleNote.kind, id: "x", expectedVersion: 1), .put(note("r\(index)"), expectedVersion: 0)])
        })
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        #expect(store.statistics.journalSyncs == syncs + 2) // the leader's, then one for the six
        await store.close()
    }

    @Test("R-UOW-1: a check queued after a write of the record sees the write (it waits for the next group)")
    func checkAfterWrite() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        try await store.commit(WriteBatch([.put(note("x"), expectedVersion: 0)]))
        let results = try await queued(store, disk, [
            WriteBatch([.put(note("x", "two"), expectedVersion: 1)]),
            WriteBatch([.check(kind: SampleNote.kind, id: "x", expectedVersion: 1), .put(note("stale"), expectedVersion: 0)]),
            WriteBatch([.check(kind: SampleNote.kind, id: "x", expectedVersion: 2), .put(note("fresh"), expectedVersion: 0)]),
        ])
        #expect((try? results[0].get()) != nil)
        #expect(results[1].failureReason == .conflict)
        #expect((try? results[2].get()) != nil)
        #expect(try await store.record(kind: SampleNote.kind, id: "stale") == nil)
        await store.close()
    }

    @Test("R-UOW-1: a check queued before a write of the record commits; the write after it too")
    func checkBeforeWrite() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        try await store.commit(WriteBatch([.put(note("x"), expectedVersion: 0)]))
        let results = try await queued(store, disk, [
            WriteBatch([.check(kind: SampleNote.kind, id: "x", expectedVersion: 1), .put(note("early"), expectedVersion: 0)]),
            WriteBatch([.put(note("x", "two"), expectedVersion: 1)]),
        ])
        #expect(results.allSatisfy { (try? $0.get()) != nil })
        #expect(try await store.record(kind: SampleNote.kind, id: "x")?.version == 2)
        await store.close()
    }

    @Test("R-ADP-1: await close() lets the queued commits finish, then closes; later calls are unavailable")
    func closeWaitsForQueuedCommits() async throws {
        try await SyncHoldTurn.shared.exclusive { try await closeWaitsNow() }
    }

    private func closeWaitsNow() async throws {
        let disk = SimulatedDisk()
        let store = try await open(disk)
        disk.holdSyncs()
        let first = Task { try await store.commit(WriteBatch([.put(note("first"), expectedVersion: 0)])) }
        try await waitUntil { disk.heldSyncs == 1 }
        let others = (0..<5).map { index in
            Task { try await store.commit(WriteBatch([.put(note("q\(index)"), expectedVersion: 0)])) }
        }
        try await waitUntil { store.statistics.waitingCommits == 5 }
        let closed = Shared(false)
        let closing = Task {
            await store.close()
            closed.set(true)
        }
        try await Task.sleep(nanoseconds: 50_000_000)
        #expect(!closed.value, "close() returned while commits were in flight")
        do {
            try await store.commit(WriteBatch([.put(note("late"), expectedVersion: 0)]))
            Issue.record("a commit after close() began succeeded")
        } catch {
            #expect(error.reason == .unavailable)
        }
        disk.releaseSyncs()
        _ = try await first.value
        for other in others { _ = try await other.value }
        await closing.value
        #expect(closed.value)
        await #expect(throws: StorageError.self) { try await store.record(kind: SampleNote.kind, id: "first") }
        let reopened = try await open(disk) // the lock was released
        #expect(reopened.count == 6)
        await reopened.close()
    }
}

private extension Result where Failure == StorageError {
    var failureReason: StorageError.Reason? {
        if case .failure(let error) = self { return error.reason }
        return nil
    }
}

/// A flag shared with a task.
private final class Shared: Sendable {
    private let state: Locked<Bool>
    init(_ value: Bool) { state = Locked(value) }
    var value: Bool { state.withLock { $0 } }
    func set(_ value: Bool) { state.withLock { $0 = value } }
}
