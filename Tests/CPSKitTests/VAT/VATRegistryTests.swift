@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// R-VAT-2: the registry-lookup adapter, its in-memory implementation and the audit record.
@Suite("VAT registry lookup (R-VAT-2)")
struct VATRegistryTests {
    private func makeNumber(_ text: String = "SE556677889901") throws -> VATNumber { try VATNumber(text) }

    @Test("R-VAT-2: a registered number is valid with the name and address the registry returns")
    func valid() async throws {
        let registry = InMemoryVATRegistry()
        await registry.register(try makeNumber(), name: "Exempel AB", address: "Storgatan 1, Stockholm")
        let outcome = await registry.lookUp(try makeNumber("se 556677-8899 01"))
        #expect(outcome == .valid(name: "Exempel AB", address: "Storgatan 1, Stockholm"))
        #expect(outcome.isConfirmed && !outcome.countsAsInvalid)
    }

    @Test("R-VAT-2: a number registered as invalid, or never registered, is invalid")
    func invalid() async throws {
        let registry = InMemoryVATRegistry()
        await registry.registerInvalid(try makeNumber("DE136695976"))
        #expect(await registry.lookUp(try makeNumber("DE136695976")) == .invalid)
        #expect(await registry.lookUp(try makeNumber()) == .invalid)
        await registry.setDefault(.valid(name: nil, address: nil))
        #expect(await registry.lookUp(try makeNumber()) == .valid(name: nil, address: nil))
    }

    @Test("R-VAT-2: an unavailable service never counts as invalid")
    func unavailable() async throws {
        let registry = InMemoryVATRegistry()
        await registry.register(try makeNumber(), name: "Exempel AB", address: nil)
        await registry.setUnavailable("VIES is down for maintenance")
        let outcome = await registry.lookUp(try makeNumber())
        #expect(outcome == .unavailable(reason: "VIES is down for maintenance"))
        #expect(!outcome.countsAsInvalid)
        await registry.setUnavailable(nil)
        #expect(await registry.lookUp(try makeNumber()) == .valid(name: "Exempel AB", address: nil))
        await registry.registerUnavailable(try makeNumber("FI20774740"), reason: "member state unavailable")
        #expect(await registry.lookUp(try makeNumber("FI20774740")) == .unavailable(reason: "member state unavailable"))
    }

    @Test("R-VAT-2: GR and EL spellings find the same registration")
    func greekAlias() async throws {
        let registry = InMemoryVATRegistry()
        await registry.register(try makeNumber("EL094012834"), name: "Εταιρεία", address: nil)
        #expect(await registry.lookUp(try makeNumber("GR 94012834")).isConfirmed)
    }

    @Test("R-VAT-2: each answer is recorded with its time; the record round-trips through Codable")
    func record() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_764_000_000))
        let registry = InMemoryVATRegistry()
        await registry.setUnavailable("timeout")
        let first = await registry.record(try makeNumber(), at: clock.source)
        clock.advance(by: 60)
        await registry.setUnavailable(nil)
        let second = await registry.record(try makeNumber(), at: clock.source)
        #expect(first.checkedAt == Date(timeIntervalSince1970: 1_764_000_000))
        #expect(second.checkedAt == Date(timeIntervalSince1970: 1_764_000_060))
        #expect(!first.countsAsInvalid)
        #expect(second.countsAsInvalid)
        #expect(first.number.compact == "SE556677889901")
        #expect(await registry.lookups.map(\.compact) == ["SE556677889901", "SE556677889901"])

        let records = [first, second, VATLookupRecord(number: try makeNumber("DK13585628"),
                                                      outcome: .valid(name: "A/S", address: "Vej 1"),
                                                      checkedAt: clock.now)]
        let data = try JSONEncoder().encode(records)
        #expect(try JSONDecoder().decode([VATLookupRecord].self, from: data) == records)
        await registry.reset()
        #expect(await registry.lookups.isEmpty)
    }

    @Test("R-VAT-2: concurrent lookups are all answered and all recorded")
    func concurrent() async throws {
        let registry = InMemoryVATRegistry()
        let number = try makeNumber()
        await registry.register(number, name: "Exempel AB", address: nil)
        let confirmed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<100 { group.addTask { await registry.lookUp(number).isConfirmed } }
            var count = 0
            for await ok in group where ok { count += 1 }
            return count
        }
        #expect(confirmed == 100)
        #expect(await registry.lookups.count == 100)
    }
}
