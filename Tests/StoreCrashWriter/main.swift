import CPSKit
import CPSKitTesting
import Foundation

// `cps-store-crash-writer DIR [--count N] [--compact-bytes BYTES]`: a test-only helper for the crash
// test of the embedded store (R-ADP-1; Tests/CPSKitTests/Storage/FileRecordStoreCrashTests.swift).
// It commits `StoreCrashWriterRecords.batch(after:)` to the FileRecordStore in DIR forever (or N
// times) and prints "committed N" to standard output, unbuffered, after each commit returned. The
// test kills it with SIGKILL at random moments. Not part of the `cps` tool (issue 16, item 9).
let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}
let count = UInt64(option("--count", in: arguments) ?? "") ?? UInt64.max
let compactBytes = Int(option("--compact-bytes", in: arguments) ?? "") ?? 16_384
guard let path = arguments.first, !path.hasPrefix("--") else {
    FileHandle.standardError.write(Data("usage: cps-store-crash-writer DIR [--count N] [--compact-bytes BYTES]\n".utf8))
    exit(64)
}
do {
    let store = try await FileRecordStore.open(directory: URL(fileURLWithPath: path),
                                               options: FileStoreOptions(compactionThreshold: compactBytes))
    var done = try await store.record(kind: StoreCrashWriterRecords.counterKind, id: "counter")?.version ?? 0
    while done < count {
        _ = try await store.commit(StoreCrashWriterRecords.batch(after: done))
        done += 1
        FileHandle.standardOutput.write(Data("committed \(done)\n".utf8))
    }
    store.close()
} catch {
    FileHandle.standardError.write(Data("cps-store-crash-writer: \(error)\n".utf8))
    exit(1)
}
