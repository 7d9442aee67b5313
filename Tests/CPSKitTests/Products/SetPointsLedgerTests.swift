import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("The test kit's setPoints goes through the ledger (R-PTS-1)")
struct SetPointsLedgerTests {
    @Test("setPoints: exactly the numbers asked for, and the balance is the sum of its entries")
    func balanceIsTheSumOfItsEntries() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        _ = try await env.products.register(ProductTestSupport.complete("EOS R5", "SETPTS001"), on: anna.account.id,
                                            as: anna.principal)
        try await env.setPoints(1_200, completeRegistrations: 4, for: anna.account.id)
        try await env.setPoints(880, completeRegistrations: 3, for: anna.account.id)

        let balance = try #require(try await env.store.fetch(PointsBalance.self, id: anna.account.id)).record
        #expect(balance.points == 880)
        #expect(balance.completeRegistrations == 3)
        let entries = try await env.products.ledger(of: anna.account.id, as: anna.principal)
        #expect(entries.map(\.entryKind) == [.allocated, .adjusted, .adjusted])
        #expect(entries.reduce(0) { $0 + $1.points } == balance.points)
        #expect(entries.reduce(0) { $0 + $1.completeRegistrationsDelta } == balance.completeRegistrations)
        #expect(balance.entryCount == entries.count)
        #expect(entries.filter { $0.entryKind == .adjusted }.allSatisfy { $0.registrationID.rawValue.isEmpty })
        // Unlike a service, the test kit sends no invitation (R-INV-1).
        #expect(try await env.mails("invitation").isEmpty)
    }
}
