@testable import CPSCLI
@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// The test-only `cps-store-crash-writer` built next to the test bundle, if there is one.
private let writerBinary: URL? = {
    var candidates: [URL] = []
    if let executable = Bundle.main.executableURL { candidates.append(executable.deletingLastPathComponent()) }
    candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent())
    for directory in candidates {
        let binary = directory.appendingPathComponent("cps-store-crash-writer")
        if FileManager.default.isExecutableFile(atPath: binary.path) { return binary }
    }
    return nil
}()

@Suite("File store crash test: SIGKILL at random moments (R-ADP-1)")
struct FileRecordStoreCrashTests {
    @Test("Every commit the child reported survives SIGKILL, and no batch is half there",
          .enabled(if: writerBinary != nil, "cps-store-crash-writer is not next to the test bundle: run `swift build` first"))
    func killedWriter() async throws {
        let binary = try #require(writerBinary)
        let directory = makeTemporaryDirectory("crash")
        var random = SeededRandomNumberGenerator(seed: UInt64(Date().timeIntervalSince1970))
        var totalReported: UInt64 = 0
        var kills = 0
        for _ in 0..<24 {
            let process = Process()
            process.executableURL = binary
            process.arguments = [directory.path, "--compact-bytes", "32768"]
            let output = Pipe()
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            let delay = UInt64.random(in: 20...300, using: &random)
            try await Task.sleep(nanoseconds: delay * 1_000_000)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { kills += 1 }
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let reported = printed.split(separator: "\n").compactMap { line -> UInt64? in
                line.hasPrefix("committed ") ? UInt64(line.dropFirst("committed ".count)) : nil
            }.max() ?? 0
            totalReported = max(totalReported, reported)
            try await verify(directory, reported: reported)
        }
        #expect(kills >= 20)
        #expect(totalReported > 0, "the writer never got to commit before it was killed")
        print("crash test: \(kills) kills, \(totalReported) commits reported in all")
    }

    /// Opens the store: the counter is at least `reported`, items 1…counter are all there intact,
    /// nothing beyond the counter exists (a batch is all there or not at all).
    private func verify(_ directory: URL, reported: UInt64) async throws {
        let store = try await FileRecordStore.open(directory: directory)
        defer { store.close() }
        let counter = try await store.record(kind: StoreCrashWriterRecords.counterKind, id: "counter")?.version ?? 0
        #expect(counter >= reported, "reported commit \(reported) is missing: the counter is at \(counter)")
        let items = try await store.records(kind: StoreCrashWriterRecords.itemKind, indexKey: nil)
        #expect(UInt64(items.count) == counter, "\(items.count) items for counter \(counter): a half-written batch")
        for (offset, item) in items.enumerated() {
            let number = UInt64(offset + 1)
            #expect(item.id == "item-\(number)" && item.payload == StoreCrashWriterRecords.itemPayload(number),
                    "item \(number) is damaged or out of order")
            if item.id != "item-\(number)" { break }
        }
        #expect(try await store.record(holding: "item:\(counter)")?.id == (counter > 0 ? "item-\(counter)" : nil))
    }
}
