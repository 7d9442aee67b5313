import Foundation
import Testing
import CPSKit
import CPSKitTesting

/// Typed record IDs (issue 15, item 5; R-ADP-1): stored and encoded as the bare string.
@Suite("Typed record IDs")
struct IdentifierTests {
    @Test("R-ADP-1: an ID encodes as the bare string and decodes back")
    func encodesAsBareString() throws {
        let id: Invoice.ID = "invoice-7"
        let data = try JSONEncoder().encode(["invoice": id])
        #expect(String(decoding: data, as: UTF8.self) == #"{"invoice":"invoice-7"}"#)
        #expect(try JSONDecoder().decode([String: Invoice.ID].self, from: data) == ["invoice": id])
    }

    @Test("R-ADP-1: literal, init, rawValue, description and LosslessStringConvertible agree")
    func conversions() {
        let literal: BusinessAccount.ID = "account-1"
        #expect(literal == BusinessAccount.ID("account-1"))
        #expect(literal == BusinessAccount.ID(rawValue: "account-1"))
        #expect(literal.rawValue == "account-1")
        #expect("\(literal)" == "account-1")
        #expect(BusinessAccount.ID(String(describing: literal) as String) == literal)
        #expect(Identifier<BusinessAccount>("account-2") > literal)
    }

    @Test("R-ADP-1: a record's stored envelope holds the bare ID; a fetch by typed ID finds it")
    func storedEnvelopeHoldsBareID() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        let envelope = try await env.store.record(kind: BusinessAccount.kind, id: active.account.id.rawValue)
        #expect(envelope?.id == active.account.id.rawValue)
        let fetched = try await env.store.fetch(BusinessAccount.self, id: active.account.id)
        #expect(fetched?.record.id == active.account.id)
        #expect(try await env.store.fetch(BusinessAccount.self, id: "account-unknown") == nil)
    }
}
