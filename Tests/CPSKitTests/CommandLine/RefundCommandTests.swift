@testable import CPSCLI
import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// `cps refund` (R-LIFE-5): usage errors and a refusal with its code, nothing changed.
@Suite("R-LIFE-5: cps refund")
struct RefundCommandTests {
    @Test("R-LIFE-5: cps refund without a credit note or with an unknown option is a usage error (64); an unknown credit note is refused (65)")
    func usageAndRefusal() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cps-refund-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(atPath: directory.path + ".keys")
        }
        let environment = ["CPS_DATA_DIR": directory.path, "CPS_NOW": "2026-11-27T10:00:00+01:00"]
        #expect(await CommandLineTool.run(["refund"], environment: environment).status == .usage)
        #expect(await CommandLineTool.run(["refund", "cn-1", "--nope"], environment: environment).status == .usage)
        let added = await CommandLineTool.run(["reviewers", "add", "rita@canon-europe.example", "Rita", "--json"],
                                              environment: environment)
        #expect(added.status == .success)
        for extra in [[], ["--bank-reference", "SEB 1"]] {
            let result = await CommandLineTool.run(["refund", "no-such-credit-note", "--reviewer", "rita@canon-europe.example", "--json"] + extra,
                                                   environment: environment)
            #expect(result.status == .refused)
            #expect((result.output + result.errorOutput).contains("billing.unknownCreditNote"))
        }
    }
}
