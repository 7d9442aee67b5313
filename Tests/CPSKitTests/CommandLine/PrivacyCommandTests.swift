import CPSCLI
import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("cps privacy and cps jobs retention (R-GDPR-2)")
struct PrivacyCommandTests {
    @Test("R-GDPR-2: cps privacy hold, holds, lift (a second lift is refused, 65); cps jobs retention runs")
    func holds() async throws {
        let (directory, environment, id) = try await AppliedDataDirectory.make("cps-privacy")
        defer { AppliedDataDirectory.remove(directory) }
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
