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
    return try FileRecordStore.open(directory: file.directory, options: options)
}
