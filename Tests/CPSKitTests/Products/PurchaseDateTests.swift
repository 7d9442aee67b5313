import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Purchase dates (R-PRD-2)")
struct PurchaseDateTests {
    static let today = CalendarDay(year: 2026, month: 11, day: 27)

    @Test("R-PRD-2: day, month and year precision parse and print", arguments: [
        ("2026-11-27", PurchaseDate.Precision.day), ("2026-11", .month), ("2026", .year), (" 2019-02 ", .month),
    ])
    func parses(_ text: String, _ precision: PurchaseDate.Precision) throws {
        let date = try PurchaseDate(parsing: text)
        #expect(date.precision == precision)
        #expect(date.description == text.trimmingCharacters(in: .whitespaces))
    }

    @Test("R-PRD-2: malformed dates are refused", arguments: ["2026-13", "2026-02-29", "26-11", "2026/11", "1899", "", "2026-1", "twenty"])
    func malformed(_ text: String) {
        let error = #expect(throws: InputError.self) { try PurchaseDate(parsing: text) }
        #expect(error?.reason == .invalidDate)
    }

    @Test("R-PRD-2: in the future only at its own precision", arguments: [
        ("2026-11-27", false), ("2026-11-28", true), ("2026-11", false), ("2026-12", true),
        ("2026", false), ("2027", true), ("2025-12-31", false),
    ])
    func future(_ text: String, _ inFuture: Bool) throws {
        let today = try #require(Self.today)
        #expect(try PurchaseDate(parsing: text).isInFuture(relativeTo: today) == inFuture)
    }

    @Test("R-PRD-2: a month-precision date in the current month is complete; next month is refused")
    func monthPrecisionInService() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let detail = try await env.products.register(
            ProductForm(model: "EOS R5", serialNumber: "AB1234", purchaseDate: "2026-11", countryOfPurchase: "SE", dealer: "Foto AB"),
            on: anna.account.id, as: anna.principal)
        #expect(detail.isComplete)
        #expect(detail.points == 300)
        let error = await #expect(throws: ProductError.self) {
            try await env.products.register(
                ProductForm(model: "EOS R5", serialNumber: "AB1235", purchaseDate: "2026-12", countryOfPurchase: "SE", dealer: "Foto AB"),
                on: anna.account.id, as: anna.principal)
        }
        #expect(error?.reason == .purchaseDateInFuture)
        #expect(try await env.products.list(of: anna.account.id, as: anna.principal).count == 1)
    }

    @Test("R-PRD-2: year precision: this year is accepted, next year refused")
    func yearPrecisionInService() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        let detail = try await env.products.register(
            ProductForm(model: "EOS R8", serialNumber: "YR0001", purchaseDate: "2026", countryOfPurchase: "DE", dealer: "Foto AB"),
            on: anna.account.id, as: anna.principal)
        #expect(detail.isComplete)
        #expect(detail.registration.purchaseDate?.precision == .year)
        await #expect(throws: ProductError.self) {
            try await env.products.register(ProductForm(model: "EOS R8", serialNumber: "YR0002", purchaseDate: "2027"),
                                             on: anna.account.id, as: anna.principal)
        }
    }

    @Test("R-PRD-2: \"today\" is the policy's time zone on the injected clock")
    func timeZone() async throws {
        let env = TestEnvironment()
        let anna = try await env.activeAccount()
        env.clock.set(try #require(ISO8601DateFormatter().date(from: "2026-11-30T23:30:00Z"))) // 1 December in Amsterdam
        let detail = try await env.products.register(ProductForm(model: "EOS R8", serialNumber: "TZ0001", purchaseDate: "2026-12"),
                                                     on: anna.account.id, as: anna.principal)
        #expect(detail.registration.purchaseDate?.description == "2026-12")
    }
}
