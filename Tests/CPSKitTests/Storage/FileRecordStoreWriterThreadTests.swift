@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// The file store's writer thread (R-ADP-1, issue 17 item 3): every `write`, `fsync` and compaction
/// runs on one dedicated thread per store, so a slow disk holds no thread of the Swift concurrency
/// pool. Before it, the commit leading a group wrote and synced on the pool: with as many stores
/// waiting for the disk as the pool has threads (its size is the processor count), no other task of
/// the process could run.
@Suite("File store: a writer thread per store, so a held fsync blocks no pool thread (R-ADP-1, issue 17 item 3)")
struct FileRecordStoreWriterThreadTests {
    /// What the watchdog thread saw while the disk held every `fsync`.
    private struct Observation: Sendable {
        /// Every store's writer was waiting in `fsync` (within the bound).
        var everyWriterHeld = false
        /// No commit had returned while `fsync` was held.
        var nothingCommittedEarly = false
        /// The plain tasks all finished (within the bound) while `fsync` was still held.
        var otherTasksRan = false
        /// `fsync` was still held when they had.
        var stillHeld = false
    }

    @Test("R-ADP-1 (issue 17 item 3): with fsync held and more waiting commits than 2 × the pool's threads, other tasks of the process keep running; then every commit lands exactly once")
    func heldSyncBlocksNoPoolThread() async throws {
        try await SyncHoldTurn.shared.exclusive { try await heldSyncNow() }
    }

    private func heldSyncNow() async throws {
        let disk = SimulatedDisk()
        let poolThreads = ProcessInfo.processInfo.activeProcessorCount
        // One store per writer thread; more stores than pool threads, and two commits each: more
        // waiting commits than 2 × the pool's size.
        let storeCount = 2 * poolThreads + 1
        let perStore = 2
        var stores: [FileRecordStore] = []
        for index in 0..<storeCount {
            stores.append(try await FileRecordStore.open(directory: URL(fileURLWithPath: "/data/store-\(index)"),
                                                         options: FileStoreOptions(fileSystem: disk, compactionThreshold: 0)))
        }
        disk.holdSyncs()
        var commits: [Task<Result<[RecordEnvelope], StorageError>, Never>] = []
        for (index, store) in stores.enumerated() {
            for number in 0..<perStore {
                commits.append(Task {
                    do throws(StorageError) {
                        return .success(try await store.commit(try insertNote("s\(index)-n\(number)")))
                    } catch {
                        return .failure(error)
                    }
                })
            }
        }
        #expect(commits.count > 2 * poolThreads)
        let waitingStores = stores
        // Off the pool (a thread of its own), so that it can tell even when the pool is stuck; every
        // wait is bounded (well below the disk's own 120-second limit on a held sync).
        let observed = await Self.onThread { () -> Observation in
            var observation = Observation()
            observation.everyWriterHeld = Self.waitUntil(seconds: 30) { disk.heldSyncs == storeCount }
            observation.nothingCommittedEarly = waitingStores.allSatisfy { $0.statistics.committedBatches == 0 }
            // Plain tasks of the same process doing work (no sleeping): they need pool threads.
            let workers = 4 * poolThreads
            let finished = Locked(0)
            for worker in 0..<workers {
                Task.detached {
                    var sum = 0
                    for value in 0..<10_000 { sum &+= value ^ worker }
                    finished.withLock { $0 += sum == -1 ? 0 : 1 }
                }
            }
            observation.otherTasksRan = Self.waitUntil(seconds: 30) { finished.withLock { $0 } == workers }
            observation.stillHeld = disk.heldSyncs == storeCount
            disk.releaseSyncs()
            return observation
        }
        #expect(observed.everyWriterHeld, "every store's writer thread waits in its held fsync")
        #expect(observed.nothingCommittedEarly, "no commit returns before its fsync")
        #expect(observed.otherTasksRan, "other tasks ran while fsync was held")
        #expect(observed.stillHeld)

        for commit in commits {
            let envelopes = try await commit.value.get()
            #expect(envelopes.map(\.version) == [1])
        }
        for (index, store) in stores.enumerated() {
            let statistics = store.statistics
            #expect(statistics.committedBatches == perStore)
            #expect(statistics.commitSequence == UInt64(perStore)) // each batch journaled once
            #expect(store.count == perStore)
            await store.close()
            let reopened = try await FileRecordStore.open(directory: store.directory,
                                                          options: FileStoreOptions(fileSystem: disk, compactionThreshold: 0))
            let ids = try await reopened.records(kind: SampleNote.kind, indexKey: nil).map(\.id)
            #expect(ids.sorted() == (0..<perStore).map { "s\(index)-n\($0)" })
            #expect(reopened.statistics.commitSequence == UInt64(perStore))
            await reopened.close()
        }
    }

    @Test("R-ADP-1 (issue 17 item 3): compact() runs on the writer thread after the commits queued before it")
    func compactionAfterQueuedCommits() async throws {
        let disk = SimulatedDisk()
        let directory = URL(fileURLWithPath: "/data/store")
        let store = try await FileRecordStore.open(directory: directory, options: FileStoreOptions(fileSystem: disk, compactionThreshold: 0))
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<8 { group.addTask { try await store.commit(try insertNote("n\(index)")) } }
            group.addTask { try await store.compact() }
            try await group.waitForAll()
        }
        try await store.compact()
        #expect(store.statistics.compactions == 2)
        await store.close()
        await #expect(throws: StorageError.self) { try await store.compact() }
        let reopened = try await FileRecordStore.open(directory: directory, options: FileStoreOptions(fileSystem: disk))
        #expect(reopened.count == 8)
        await reopened.close()
    }

    @Test("R-ADP-1 (issue 17 item 3): dropping the last reference closes the store and ends its thread")
    func droppingTheStoreReleasesTheLock() async throws {
        let disk = SimulatedDisk()
        let directory = URL(fileURLWithPath: "/data/store")
        let options = FileStoreOptions(fileSystem: disk, compactionThreshold: 0)
        do {
            let store = try await FileRecordStore.open(directory: directory, options: options)
            try await store.commit(try insertNote("kept"))
        }
        // The writer thread holds a twin, not the store: dropping the store closed it and released the lock.
        let again = try await FileRecordStore.open(directory: directory, options: options)
        #expect(again.count == 1)
        await again.close()
        await again.close()
    }

    /// Runs `body` on a new thread (not the concurrency pool) and returns its result.
    private static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }

    /// Polls `condition` on this (non-pool) thread for at most `seconds`; whether it became true.
    private static func waitUntil(seconds: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while !condition() {
            guard Date() < deadline else { return false }
            usleep(1_000)
        }
        return true
    }
}
