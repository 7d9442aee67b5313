@testable import CPSKit
import CPSKitTesting
import Foundation

/// A fresh temporary directory for one test's store.
func makeTemporaryDirectory(_ name: String = "store") -> URL {
    FileManager.default.temporaryDirectory
        .appendingPathComponent("cpskit-tests-\(UUID().uuidString)", isDirectory: true)
        .appendingPathComponent(name, isDirectory: true)
}

/// A note record batch: inserts `SampleNote` `id`.
func insertNote(_ id: String, text: String = "text", unique: [String] = []) throws(StorageError) -> WriteBatch {
    var batch = WriteBatch()
    try batch.insert(SampleNote(id: id, text: text, unique: unique))
    return batch
}

/// Closes a `FileRecordStore` and opens its directory again with the same options.
func reopenFileStore(_ store: any RecordStore, options: FileStoreOptions = .init()) async throws -> any RecordStore {
    guard let file = store as? FileRecordStore else { throw StorageError(.unavailable, detail: "not a file store") }
    await file.close()
    return try await FileRecordStore.open(directory: file.directory, options: options)
}

/// One test at a time may hold a `SimulatedDisk`'s syncs. A held sync blocks only the store's writer
/// thread (issue 17 item 3), but tests that count groups and `fsync`s stay easier to read one at a
/// time, and the writer-thread test must see the pool free of anything else holding syncs.
actor SyncHoldTurn {
    static let shared = SyncHoldTurn()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `body` once no other test holds syncs.
    func exclusive<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        if busy {
            await withCheckedContinuation { waiting.append($0) }
        }
        busy = true
        defer {
            if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
        }
        return try await body()
    }
}
