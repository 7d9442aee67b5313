import CPSKit
import Foundation
import Testing

@Suite("Money (R-BIL-2)")
struct MoneyTests {
    @Test("Rounding is half-up, away from zero, to the currency's minor unit", arguments: [
        ("2.345", "EUR", "2.35"), ("2.344", "EUR", "2.34"), ("-2.345", "EUR", "-2.35"), ("-2.344", "EUR", "-2.34"),
        ("0.005", "SEK", "0.01"), ("-0.005", "SEK", "-0.01"), ("10.125", "SEK", "10.13"),
        ("0.5", "JPY", "1"), ("1.5", "JPY", "2"), ("2.5", "JPY", "3"), ("-2.5", "JPY", "-3"), ("2.49", "JPY", "2"),
        ("1.2345", "BHD", "1.235"), ("1.2344", "KWD", "1.234"),
    ])
    func rounding(input: String, code: String, expected: String) throws {
        let currency = try #require(Currency(code))
        let amount = try #require(Decimal(string: input))
        #expect(Money(amount, currency).amountText == expected)
    }

    @Test("Parsing accepts plain decimals only, and never more decimals than the currency has", arguments: [
        ("12.34", "EUR", "12.34"), ("-0.5", "EUR", "-0.50"), ("+7", "EUR", "7.00"), ("0012", "SEK", "12.00"),
        ("1234", "JPY", "1234"), ("1.234", "BHD", "1.234"), ("-0", "EUR", "0.00"), ("-0.00", "SEK", "0.00"),
    ])
    func parsing(text: String, code: String, expected: String) throws {
        #expect(try Money(parsing: text, currencyCode: code).amountText == expected)
    }

    @Test("Bad amounts are refused with a typed error", arguments: [
        "", "-", ".5", "5.", "1,5", "1e3", "12.34.5", " 12", "12abc", "NaN", "1234567890123456789012345678901",
    ])
    func badAmounts(text: String) {
        #expect(throws: BillingError.self) { try Money(parsing: text, currency: .eur) }
        do { _ = try Money(parsing: text, currency: .eur) } catch {
            #expect(error.reason == .invalidAmount)
        }
    }

    @Test("Too many decimals and unknown currencies are refused")
    func tooManyDecimals() {
        do { _ = try Money(parsing: "1.005", currency: .eur); Issue.record("accepted") } catch {
            #expect(error.reason == .tooManyDecimals)
            #expect(error.message(in: .swedish).contains("1.005"))
        }
        do { _ = try Money(parsing: "1.5", currency: .jpy); Issue.record("accepted") } catch {
            #expect(error.reason == .tooManyDecimals)
        }
        do { _ = try Money(parsing: "1", currencyCode: "XXQ"); Issue.record("accepted") } catch {
            #expect(error.reason == .unknownCurrency)
        }
    }

    @Test("Arithmetic and comparisons within one currency")
    func arithmetic() throws {
        let a = try Money(parsing: "10.10", currency: .eur)
        let b = try Money(parsing: "0.25", currency: .eur)
        #expect(try (a + b).amountText == "10.35")
        #expect(try (b - a).amountText == "-9.85")
        #expect((a * 3).amountText == "30.30")
        #expect((a * Decimal(string: "0.21")!).amountText == "2.12") // 2.121
        #expect((Money(350, .eur) * Decimal(string: "0.21")!).amountText == "73.50")
        #expect(try b < a)
        #expect(try a > b)
        #expect(try a <= a && a >= a)
        #expect(try a.compare(to: a) == .orderedSame)
        #expect(Money(5, .eur).negated == Money(-5, .eur))
        #expect(Money.zero(.sek).isZero)
    }

    @Test("Arithmetic and comparison across currencies are refused, not trapped")
    func mixedCurrencies() {
        let eur = Money(1, .eur), sek = Money(1, .sek)
        for operation in [{ _ = try eur + sek }, { _ = try eur - sek }, { _ = try eur < sek }, { _ = try Money.sum([eur, sek], in: .eur) }] {
            do { try operation(); Issue.record("accepted") } catch let error as BillingError {
                #expect(error.reason == .mixedCurrencies)
                #expect(error.code == "billing.mixedCurrencies")
            } catch { Issue.record("unexpected \(error)") }
        }
        #expect(eur != sek)
    }

    @Test("Codable as {amount: string, currency: code}, exact")
    func codable() throws {
        let money = try Money(parsing: "12345678901234567890.12", currency: .eur)
        let data = try JSONEncoder().encode(money)
        let json = try #require(String(data: data, encoding: .utf8))
        #expect(json.contains("\"amount\":\"12345678901234567890.12\""))
        #expect(json.contains("\"currency\":\"EUR\""))
        #expect(try JSONDecoder().decode(Money.self, from: data) == money)
        let bad = Data(#"{"amount":"1.234","currency":"EUR"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Money.self, from: bad) }
        let unknown = Data(#"{"amount":"1","currency":"ZZZ"}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Money.self, from: unknown) }
    }

    @Test("Formatting for Swedish and English", arguments: [
        ("1234.5", "SEK", "sv", "1\u{00A0}234,50 kr"), ("1234.5", "EUR", "sv", "1\u{00A0}234,50 €"),
        ("1234.5", "EUR", "en", "€1,234.50"), ("1234567.891", "EUR", "en", "€1,234,567.89"),
        ("-12", "EUR", "en", "-€12.00"), ("-12", "SEK", "sv", "-12,00 kr"), ("0.05", "GBP", "en", "£0.05"),
        ("1234.5", "SEK", "en", "SEK 1,234.50"), ("1234", "JPY", "en", "¥1,234"), ("999", "EUR", "de", "€999.00"),
        ("100", "NOK", "sv", "100,00 NOK"),
    ])
    func formatting(amount: String, code: String, language: String, expected: String) throws {
        let currency = try #require(Currency(code))
        let money = Money(try #require(Decimal(string: amount)), currency)
        #expect(money.formatted(in: Language(language)) == expected)
    }

    @Test("Currencies carry their ISO 4217 minor units", arguments: [
        ("EUR", 2), ("SEK", 2), ("GBP", 2), ("NOK", 2), ("CHF", 2), ("DKK", 2), ("PLN", 2), ("CZK", 2),
        ("HUF", 2), ("JPY", 0), ("BHD", 3), ("KWD", 3), ("eur", 2),
    ])
    func minorUnits(code: String, units: Int) throws {
        #expect(try #require(Currency(code)).minorUnits == units)
    }
}
