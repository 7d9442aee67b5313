import CPSKit
import CPSKitTesting
import Foundation

/// Shared factories of the product and migration tests.
enum ProductTestSupport {
    /// A complete form for `model` with `serial`.
    static func complete(_ model: String, _ serial: String) -> ProductForm {
        ProductForm(model: model, serialNumber: serial, purchaseDate: "2025-06", countryOfPurchase: "SE", dealer: "Foto Stockholm AB")
    }

    /// The standard policy with points that make 499 and 500 reachable: EOS R5 300, RF 24-70 199,
    /// RF 50 1, EOS R8 100.
    static var thresholdPolicy: CPSPolicy {
        var policy = CPSPolicy.canonEurope
        policy.products = policy.products.settingPoints(199, for: "RF 24-70mm F2.8 L IS USM").settingPoints(1, for: "RF 50mm F1.8 STM")
        return policy
    }

    /// A second company (no VAT, no old CPS e-mail).
    static let otherForm = Fixtures.swedishNonVATForm

    /// The sum of the account's ledger entries, their count and the complete registrations on record.
    static func ledgerFacts(_ env: TestEnvironment, _ accountID: BusinessAccount.ID) async throws -> (points: Int, entries: Int, complete: Int) {
        let entries = try await env.store.fetchAll(LedgerEntry.self, indexKey: LedgerEntry.byAccount(accountID)).map(\.record)
        let complete = try await env.store.fetchAll(ProductRegistration.self, indexKey: ProductRegistration.byAccount(accountID))
            .filter { $0.record.isAllocated }.count
        return (entries.reduce(0) { $0 + $1.points }, entries.count, complete)
    }

    /// The stored balance (zero when none).
    static func balance(_ env: TestEnvironment, _ accountID: BusinessAccount.ID) async throws -> PointsBalance {
        try await env.store.fetch(PointsBalance.self, id: accountID)?.record ?? PointsBalance(accountID: accountID)
    }
}
