@testable import CPSCLI
@testable import CPSFileStore
import CPSKit
import Foundation
import Testing

/// `cps store verify|backup` and the torn-tail warning of every command (R-ADP-1).
@Suite("cps store verify and backup; torn tails are warned about (R-ADP-1)")
struct StoreCommandTests {
    private static func dataDirectory(with fixture: String? = nil) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cps-store-\(UUID().uuidString)")
        let store = url.appendingPathComponent("store")
        try FileManager.default.createDirectory(at: store, withIntermediateDirectories: true)
        if let fixture {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Storage/Fixtures/\(fixture)")
            for name in ["snapshot", "journal"] {
                try FileManager.default.copyItem(at: source.appendingPathComponent(name), to: store.appendingPathComponent(name))
            }
        }
        return url
    }

    private static func cleanUp(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.removeItem(atPath: url.path + ".keys")
    }

    @Test("R-ADP-1: verify of a healthy store exits 0; of a store with a repeated frame 74 with the problem, changing nothing")
    func verify() async throws {
        let directory = try Self.dataDirectory(with: "format-2")
        defer { Self.cleanUp(directory) }
        let environment = ["CPS_DATA_DIR": directory.path]
        let fine = await CommandLineTool.run(["store", "verify"], environment: environment)
        #expect(fine.status == .success)
        #expect(fine.output.hasPrefix("ok: "))
        #expect(fine.output.contains("warning: store.olderFormat"))

        let journalURL = directory.appendingPathComponent("store/journal")
        let journal = Array(try Data(contentsOf: journalURL))
        var offset = StorageFormat.headerSize
        let first = journal.withUnsafeBytes { raw in StorageFormat.frame(in: raw, at: offset) }
        let frame = try #require(first)
        offset = frame.upperBound
        let damaged = Data(journal + journal[StorageFormat.headerSize..<offset])
        try damaged.write(to: journalURL)
        let report = await CommandLineTool.run(["store", "verify", "--json"], environment: environment)
        #expect(report.status == .failure)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.output.utf8)) as? [String: Any])
        let problems = try #require(object["problems"] as? [[String: Any]])
        #expect(problems.first?["code"] as? String == "storage.outOfOrder")
        #expect(try Data(contentsOf: journalURL) == damaged, "verify changed nothing")
        let text = await CommandLineTool.run(["store", "verify"], environment: environment)
        #expect(text.status == .failure && text.output.contains("error: storage.outOfOrder"))
        #expect(await CommandLineTool.run(["store", "verify", "extra"], environment: environment).status == .usage)
        #expect(await CommandLineTool.run(["store", "mend"], environment: environment).status == .usage)
    }

    @Test("R-ADP-1: a torn tail: verify warns and exits 0; the next command warns on stderr and cuts it")
    func tornTailWarning() async throws {
        let directory = try Self.dataDirectory(with: "format-2-torn")
        defer { Self.cleanUp(directory) }
        let environment = ["CPS_DATA_DIR": directory.path, "CPS_PASSWORD_ITERATIONS": "1000"]
        let verified = await CommandLineTool.run(["store", "verify"], environment: environment)
        #expect(verified.status == .success)
        #expect(verified.output.contains("warning: store.tornTail"))
        let listed = await CommandLineTool.run(["reviewers", "list"], environment: environment)
        #expect(listed.status == .success)
        #expect(listed.errorOutput.contains("cps: warning: the store's journal ended in an unfinished write"), "\(listed.errorOutput)")
        #expect(listed.errorOutput.contains("1 unacknowledged commit)"))
        let again = await CommandLineTool.run(["reviewers", "list"], environment: environment)
        #expect(!again.errorOutput.contains("warning"), "the tail was cut: warned once")
    }

    @Test("R-ADP-1: backup DIR writes a copy that opens with the same records; a non-empty DIR is refused")
    func backup() async throws {
        let directory = try Self.dataDirectory(with: "format-2")
        defer { Self.cleanUp(directory) }
        let environment = ["CPS_DATA_DIR": directory.path]
        let target = directory.appendingPathComponent("copy")
        let result = await CommandLineTool.run(["store", "backup", target.path, "--json"], environment: environment)
        #expect(result.status == .success, "\(result.output) \(result.errorOutput)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(object["records"] as? Int == 5)
        let restored = try FileRecordStore.open(directory: target, readOnly: true)
        #expect(restored.count == 5)
        #expect(try await restored.record(kind: "fixture.ledger", id: "l1")?.version == 2)
        await restored.close()
        let again = await CommandLineTool.run(["store", "backup", target.path], environment: environment)
        #expect(again.status == .configuration, "a non-empty directory is an invalid option (78)")
        #expect(await CommandLineTool.run(["store", "backup"], environment: environment).status == .usage)
    }

    @Test("R-ADP-1: reindex rewrites a record stored with an earlier release's keys, once; a second run rewrites nothing")
    func reindex() async throws {
        let directory = try Self.dataDirectory()
        defer { Self.cleanUp(directory) }
        let fixture = try await BillingFixture.make(points: 1_200)
        let receipt = try await fixture.buy(.gold, method: .bankTransfer)
        let membership = try await fixture.membership(receipt.membership.id)
        var old = try RecordCoder.envelope(membership, version: 0, codec: .binary)
        old.indexKeys = ["account:\(membership.accountID)", "lifecycle:open"] // what the last release wrote
        let store = try FileRecordStore.open(directory: directory.appendingPathComponent("store"))
        try await store.commit(WriteBatch([.put(old, expectedVersion: 0)]))
        await store.close()
        let environment = ["CPS_DATA_DIR": directory.path]
        let first = await CommandLineTool.run(["store", "reindex", "--json"], environment: environment)
        #expect(first.status == .success)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == 1 && (object["rewritten"] as? [String: Int])?["membership"] == 1)
        let second = await CommandLineTool.run(["store", "reindex"], environment: environment)
        #expect(second.status == .success && second.output.contains("every record's keys are current"))
        let reopened = try FileRecordStore.open(directory: directory.appendingPathComponent("store"), readOnly: true)
        defer { reopened.close() }
        let stored = try #require(try await reopened.record(kind: Membership.kind, id: membership.id.rawValue))
        #expect(stored.indexKeys == membership.indexKeys && stored.version == 2 && stored.payload == old.payload)
        #expect(await CommandLineTool.run(["store", "reindex", "extra"], environment: environment).status == .usage)
    }
}
