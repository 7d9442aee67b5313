import CPSCLI
import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("cps audit verify (R-GDPR-3)")
struct AuditCommandTests {
    @Test("R-GDPR-3: cps audit verify exits 0 on an intact trail and 66 with the first break after the tail is deleted")
    func verify() async throws {
        let directory = makeTemporaryDirectory("cps-audit")
        defer {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(atPath: directory.path + ".keys")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let environment = ["CPS_DATA_DIR": directory.path, "CPS_NOW": "2026-11-27T10:00:00+01:00"]
        let form = directory.appendingPathComponent("form.json")
        try JSONEncoder().encode(Fixtures.swedishForm).write(to: form)
        let pdf = directory.appendingPathComponent("invoice.pdf")
        try Fixtures.pdf.write(to: pdf)
        let applied = await CommandLineTool.run(["apply", form.path, "--json"], environment: environment)
        let id = try #require((try JSONSerialization.jsonObject(with: Data(applied.output.utf8)) as? [String: Any])?["id"] as? String)
        _ = await CommandLineTool.run(["evidence", "add", id, "companyInvoice", pdf.path, "--as", "anna@ljusbild.example"], environment: environment)

        let intact = await CommandLineTool.run(["audit", "verify"], environment: environment)
        #expect(intact.status == .success, "\(intact.output)")
        #expect(intact.output.contains("1 of 1 chains intact, 2 entries"), "\(intact.output)")

        let store = try FileRecordStore.open(directory: directory.appendingPathComponent("store", isDirectory: true))
        let last = try #require(try await store.fetchAll(AuditEntry.self).first { $0.record.sequence == 2 })
        _ = try await store.commit(WriteBatch([.delete(kind: AuditEntry.kind, id: last.record.id, expectedVersion: last.version)]))
        await store.close()

        let broken = await CommandLineTool.run(["audit", "verify", id], environment: environment)
        #expect(broken.status == .verificationFailed)
        #expect(broken.output.contains("broken \(id) at entry 1"), "\(broken.output)")
        #expect(broken.output.contains("headMismatch"), "\(broken.output)")
        let json = await CommandLineTool.run(["audit", "verify", "--json"], environment: environment)
        #expect(json.status == .verificationFailed)
        let reports = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect((reports.first?["firstBreak"] as? [String: Any])?["reason"] as? String == "headMismatch")
        #expect(await CommandLineTool.run(["audit", "check"], environment: environment).status == .usage)
    }
}

@Suite("cps privacy and cps jobs retention (R-GDPR-2)")
struct PrivacyCommandTests {
    @Test("R-GDPR-2: cps privacy hold, holds, lift (a second lift is refused, 65); cps jobs retention runs")
    func holds() async throws {
        let directory = makeTemporaryDirectory("cps-privacy")
        defer {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(atPath: directory.path + ".keys")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let environment = ["CPS_DATA_DIR": directory.path, "CPS_NOW": "2026-11-27T10:00:00+01:00"]
        let form = directory.appendingPathComponent("form.json")
        try JSONEncoder().encode(Fixtures.swedishForm).write(to: form)
        let applied = await CommandLineTool.run(["apply", form.path, "--json"], environment: environment)
        let id = try #require((try JSONSerialization.jsonObject(with: Data(applied.output.utf8)) as? [String: Any])?["id"] as? String)
        #expect(await CommandLineTool.run(["reviewers", "add", "rita@canon-europe.example", "Rita"], environment: environment).status == .success)
        let reviewer = ["--reviewer", "rita@canon-europe.example"]
        let held = await CommandLineTool.run(["privacy", "hold", id, "Case 2026/1"] + reviewer, environment: environment)
        #expect(held.status == .success, "\(held.output) \(held.errorOutput)")
        let holds = await CommandLineTool.run(["privacy", "holds", "--json"] + reviewer, environment: environment)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(holds.output.utf8)) as? [[String: Any]])
        #expect(rows.first?["id"] as? String == id && rows.first?["reason"] as? String == "Case 2026/1")
        #expect(await CommandLineTool.run(["privacy", "lift", id] + reviewer, environment: environment).status == .success)
        let again = await CommandLineTool.run(["privacy", "lift", id, "--json"] + reviewer, environment: environment)
        #expect(again.status == .refused)
        #expect(again.output.contains("privacy.noLegalHold"), "\(again.output)")
        let out = directory.appendingPathComponent("export.tar")
        let exported = await CommandLineTool.run(["privacy", "export", Fixtures.swedishForm.contactEmail, "--out", out.path],
                                                 environment: environment)
        #expect(exported.status == .success, "\(exported.output) \(exported.errorOutput)")
        let archive = try Data(contentsOf: out)
        #expect(String(decoding: archive.prefix(13), as: UTF8.self) == "manifest.json")
        #expect(await CommandLineTool.run(["privacy", "export", "account-404", "--out", out.path], environment: environment).status == .refused)
        let retention = await CommandLineTool.run(["jobs", "retention"], environment: environment)
        #expect(retention.status == .success)
        #expect(retention.output.contains("0 evidence files deleted"), "\(retention.output)")
        #expect(await CommandLineTool.run(["audit", "verify"], environment: environment).status == .success)
    }
}
