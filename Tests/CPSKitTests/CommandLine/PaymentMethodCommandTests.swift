@testable import CPSCLI
import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// `cps payment-method` (R-LIFE-5): help, usage errors, and a refusal with its code, nothing changed.
@Suite("R-LIFE-5: cps payment-method")
struct PaymentMethodCommandTests {
    @Test("R-LIFE-5: cps payment-method without a method, with an unknown method or option is a usage error (64); --help explains it")
    func usage() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cps-method-\(UUID().uuidString)")
        defer {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(atPath: directory.path + ".keys")
        }
        let environment = ["CPS_DATA_DIR": directory.path, "CPS_NOW": "2026-11-27T10:00:00+01:00"]
        let help = await CommandLineTool.run(["payment-method", "--help"])
        #expect(help.status == .success)
        #expect(help.output.hasPrefix("Usage: cps payment-method"))
        #expect(await CommandLineTool.run(["payment-method", "account-1"], environment: environment).status == .usage)
        #expect(await CommandLineTool.run(["payment-method", "account-1", "cash", "--as", "user-1"], environment: environment).status == .usage)
        #expect(await CommandLineTool.run(["payment-method", "account-1", "card", "--nope"], environment: environment).status == .usage)
    }
}
