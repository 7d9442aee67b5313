import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("The membership number changes if you had one (R-MEM-2, R-MIG-3)")
struct MigratedMembershipNumberTests {
    @Test("An account migrated from the old CPS never gets its old number back, in any spelling")
    func oldNumberIsNeverReused() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        // The number the first purchase would get is CPS + 000000001 + its check digit; make that the old one.
        let firstNumber = try MembershipNumber(sequence: 1).description
        let spaced = String(firstNumber.prefix(3)) + " " + String(firstNumber.dropFirst(3))
        env.legacyDirectory.add(LegacyCPSAccount(membershipNumber: spaced, email: try EmailAddress("anna.lind@old-cps.example"),
                                                 products: []))
        _ = try await env.migration.migrate(active.account.id, as: active.principal)
        #expect(try await env.store.previousMembershipNumbers(of: active.account.id) == [spaced])
        try await env.setPoints(1_200, for: active.account.id)
        let receipt = try await env.membership.purchase(
            PurchaseRequest(accountID: active.account.id, level: .gold, paymentMethod: .card, termsVersion: Fixtures.termsVersion), as: active.principal)
        #expect(receipt.membership.number.description != firstNumber)
        #expect(try await env.store.previousMembershipNumbers(of: active.account.id) == [spaced]) // the old one stays on record

        // Without the old number, the same purchase would have received exactly that number.
        let plain = TestEnvironment()
        let other = try await plain.activeAccount()
        try await plain.setPoints(1_200, for: other.account.id)
        let first = try await plain.membership.purchase(
            PurchaseRequest(accountID: other.account.id, level: .gold, paymentMethod: .card, termsVersion: Fixtures.termsVersion), as: other.principal)
        #expect(first.membership.number.description == firstNumber)
    }
}
