import CPSCLI
import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("cps audit verify (R-GDPR-3)")
struct AuditCommandTests {
    @Test("R-GDPR-3: cps audit verify exits 0 on an intact trail and 66 with the first break after the tail is deleted")
    func verify() async throws {
        let (directory, environment, id) = try await AppliedDataDirectory.make("cps-audit")
        defer { AppliedDataDirectory.remove(directory) }
        let pdf = directory.appendingPathComponent("invoice.pdf")
        try Fixtures.pdf.write(to: pdf)
        _ = await CommandLineTool.run(["evidence", "add", id, "companyInvoice", pdf.path, "--as", "anna@ljusbild.example"], environment: environment)

        let intact = await CommandLineTool.run(["audit", "verify"], environment: environment)
        #expect(intact.status == .success, "\(intact.output)")
        #expect(intact.output.contains("1 of 1 chains intact, 2 entries"), "\(intact.output)")

        let store = try await FileRecordStore.open(directory: directory.appendingPathComponent("store", isDirectory: true))
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
