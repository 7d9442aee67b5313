import CPSCLI
import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("cps privacy erase and rectify (R-GDPR-2)")
struct PrivacyEraseCommandTests {
    @Test("R-GDPR-2: cps privacy erase refuses an open application (65), erases a rejected applicant with a receipt; rectify needs the user")
    func eraseAndRectify() async throws {
        let (directory, environment, id) = try await AppliedDataDirectory.make("cps-erase")
        defer { AppliedDataDirectory.remove(directory) }
        let email = Fixtures.swedishForm.contactEmail
        let open = await CommandLineTool.run(["privacy", "erase", email, "--json"], environment: environment)
        #expect(open.status == .refused && open.output.contains("privacy.applicationOpen"), "\(open.output) \(open.errorOutput)")
        let pdf = directory.appendingPathComponent("invoice.pdf")
        try Fixtures.pdf.write(to: pdf)
        #expect(await CommandLineTool.run(["evidence", "add", id, "companyInvoice", pdf.path, "--as", email], environment: environment).status == .success)
        #expect(await CommandLineTool.run(["submit", id, "--as", email], environment: environment).status == .success)
        #expect(await CommandLineTool.run(["reviewers", "add", "rita@canon-europe.example", "Rita"], environment: environment).status == .success)
        let rejected = await CommandLineTool.run(["review", "reject", id, "Fakturan saknas.", "--reviewer", "rita@canon-europe.example"],
                                                 environment: environment)
        #expect(rejected.status == .success, "\(rejected.output) \(rejected.errorOutput)")
        let erased = await CommandLineTool.run(["privacy", "erase", email, "--json"], environment: environment)
        #expect(erased.status == .success, "\(erased.output) \(erased.errorOutput)")
        let receipt = try #require(try JSONSerialization.jsonObject(with: Data(erased.output.utf8)) as? [String: Any])
        #expect(receipt["applications"] as? [String] == [id] && (receipt["id"] as? String)?.hasPrefix("erasure-") == true)
        #expect(await CommandLineTool.run(["privacy", "erase", email], environment: environment).status == .refused)
        #expect(await CommandLineTool.run(["audit", "verify"], environment: environment).status == .success)
        let rectify = await CommandLineTool.run(["privacy", "rectify", "user-404", "--as", "user-404", "--name", "Anna Ny"],
                                                environment: environment)
        #expect(rectify.status != .success)
        #expect(await CommandLineTool.run(["privacy", "rectify", "user-404", "--name", "Anna Ny"], environment: environment).status != .success)
    }
}
