import CPSKit
import Foundation
import Testing

@Suite("Product policy (R-PRD-1, R-INV-1, SPEC §1 \"Policy is data\")")
struct ProductPolicyTests {
    @Test("R-PRD-1: the products section round-trips through JSON; a policy without it gets the sample catalog")
    func codable() throws {
        let data = try JSONEncoder().encode(CPSPolicy.canonEurope)
        #expect(try CPSPolicy.load(json: data) == .canonEurope)
        let withoutSection = try CPSPolicy.load(json: Data(#"{"name": "Host"}"#.utf8))
        #expect(withoutSection.products == .sample)
        #expect(withoutSection.products.invitationThreshold == 500)
    }

    @Test("R-PRD-1: a host's catalog replaces the sample; bad values name the field", arguments: [
        (#"{"products": {"catalog": [{"model": "EOS R5", "name": "R5", "category": "camera", "points": 10}], "serialMinimumLength": 4, "serialMaximumLength": 20, "dealerMaximumLength": 100, "invitationThreshold": 500, "conflictRetries": 4, "migrationChunkSize": 100}}"#, ""),
        (#"{"products": {"catalog": [], "serialMinimumLength": 5, "serialMaximumLength": 4, "dealerMaximumLength": 100, "invitationThreshold": 500, "conflictRetries": 4, "migrationChunkSize": 100}}"#, "products.serialMinimumLength"),
        (#"{"products": {"catalog": [], "serialMinimumLength": 4, "serialMaximumLength": 20, "dealerMaximumLength": 100, "invitationThreshold": 0, "conflictRetries": 4, "migrationChunkSize": 100}}"#, "products.invitationThreshold"),
        (#"{"products": {"catalog": [{"model": "EOS R5", "name": "R5", "category": "drone", "points": 10}], "serialMinimumLength": 4, "serialMaximumLength": 20, "dealerMaximumLength": 100, "invitationThreshold": 500, "conflictRetries": 4, "migrationChunkSize": 100}}"#, "products.catalog[0].category"),
    ])
    func hostCatalog(_ json: String, _ badField: String) throws {
        if badField.isEmpty {
            let policy = try CPSPolicy.load(json: Data(json.utf8))
            #expect(policy.products.entry(for: "eos r5")?.points == 10)
            #expect(policy.products.entry(for: "EOS R8") == nil)
        } else {
            let error = #expect(throws: PolicyError.self) { try CPSPolicy.load(json: Data(json.utf8)) }
            #expect(error?.field == badField)
        }
    }
}
