import Foundation

/// An amount of money in one ISO 4217 currency, held as a `Decimal` and always rounded to the
/// currency's minor unit (R-BIL-2).
///
/// Rounding is half-up in the commercial sense: a half is rounded away from zero (`2.345` → `2.35`,
/// `-2.345` → `-2.35`), and it happens whenever a `Money` is made, so every value is a whole number of
/// cents (or yen, or fils). `Double` is never involved, not even in parsing: amounts are parsed from
/// text by ``init(parsing:currency:)``.
///
/// Arithmetic across currencies is refused with ``BillingError/Reason/mixedCurrencies`` rather than
/// trapping, so `+`, `-` and the comparisons are throwing operators:
///
/// ```swift
/// let fee = Money(200, .eur)
/// let total = try fee + fee.multiplied(by: Decimal(21) / 100)         // €242.00
/// let refused = try? fee + Money(1, .sek)                              // nil: mixed currencies
/// ```
///
/// Codable as `{"amount":"12.34","currency":"EUR"}`: the amount is a string so that no JSON number
/// ever passes through a binary floating point.
public struct Money: Hashable, Sendable, CustomStringConvertible {
    /// The amount, rounded to ``currency``'s minor unit.
    public let amount: Decimal
    /// The currency.
    public let currency: Currency

    /// Creates an amount, rounding `amount` half-up (away from zero) to the currency's minor unit (R-BIL-2).
    public init(_ amount: Decimal, _ currency: Currency) {
        self.amount = Money.round(amount, to: currency.minorUnits)
        self.currency = currency
    }

    /// Creates a whole amount, e.g. `Money(350, .eur)` for €350.00 (R-BIL-2).
    public init(_ whole: Int, _ currency: Currency) {
        self.init(Decimal(whole), currency)
    }

    /// Zero in `currency`.
    public static func zero(_ currency: Currency) -> Money { Money(Decimal(0), currency) }

    /// Parses a plain decimal number such as `"1234.5"`, `"-0.50"` or `"+7"` (R-BIL-2).
    ///
    /// Only ASCII digits, one optional leading sign and one optional `.` are accepted, with at most 30
    /// digits; more decimals than the currency's minor unit are refused (``BillingError/Reason/tooManyDecimals``)
    /// rather than silently rounded.
    public init(parsing text: String, currency: Currency) throws(BillingError) {
        let facts = ["amount": String(text.prefix(40)), "currency": currency.code]
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var significand = Decimal(0)
        var digitCount = 0
        var fractionDigits = 0
        var seenPoint = false
        var digitsBeforePoint = 0
        for byte in bytes {
            if byte == UInt8(ascii: ".") {
                guard !seenPoint, digitsBeforePoint > 0 else { throw BillingError(.invalidAmount, facts: facts) }
                seenPoint = true
                continue
            }
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                throw BillingError(.invalidAmount, facts: facts)
            }
            digitCount += 1
            guard digitCount <= 30 else { throw BillingError(.invalidAmount, facts: facts) }
            significand = significand * 10 + Decimal(Int(byte - UInt8(ascii: "0")))
            if seenPoint { fractionDigits += 1 } else { digitsBeforePoint += 1 }
        }
        guard digitsBeforePoint > 0, !seenPoint || fractionDigits > 0 else {
            throw BillingError(.invalidAmount, facts: facts)
        }
        guard fractionDigits <= currency.minorUnits else {
            throw BillingError(.tooManyDecimals, facts: facts.merging(["digits": String(currency.minorUnits)]) { a, _ in a })
        }
        let value = Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: significand)
        self.init(value, currency)
    }

    /// Parses an amount and an ISO 4217 code, e.g. `("12.34", "EUR")` (R-BIL-2).
    public init(parsing text: String, currencyCode: String) throws(BillingError) {
        guard let currency = Currency(currencyCode) else {
            throw BillingError(.unknownCurrency, facts: ["currency": String(currencyCode.prefix(20))])
        }
        try self.init(parsing: text, currency: currency)
    }

    /// `amount` rounded half-up (away from zero) to `scale` decimals (R-BIL-2).
    public static func round(_ amount: Decimal, to scale: Int) -> Decimal {
        var input = amount
        var result = Decimal()
        NSDecimalRound(&result, &input, scale, .plain)
        return result
    }

    // MARK: - Properties

    /// Whether the amount is zero.
    public var isZero: Bool { amount.isZero }
    /// Whether the amount is below zero.
    public var isNegative: Bool { amount < 0 }
    /// The same amount with the opposite sign.
    public var negated: Money { Money(-amount, currency) }

    /// The amount in minor units as text without a decimal point (`"1234"` for €12.34), with a `-` when negative.
    var minorUnitDigits: (negative: Bool, digits: String) {
        var scaled = amount.magnitude
        for _ in 0..<currency.minorUnits { scaled *= 10 }
        let rounded = Money.round(scaled, to: 0)
        var digits = rounded.description
        if let point = digits.firstIndex(of: ".") { digits = String(digits[..<point]) }
        return (amount < 0, digits)
    }

    /// The amount as plain text with exactly the currency's decimals: `"12.30"`, `"-0.50"`, `"1235"` (JPY).
    /// This is the `amount` of the Codable form.
    public var amountText: String {
        let (negative, digits) = minorUnitDigits
        let minor = currency.minorUnits
        let padded = String(repeating: "0", count: max(0, minor + 1 - digits.count)) + digits
        let whole = padded.dropLast(minor)
        let fraction = padded.suffix(minor)
        return (negative ? "-" : "") + whole + (minor > 0 ? "." + fraction : "")
    }

    /// `"12.34 EUR"`: for logs; use ``formatted(in:)`` for people.
    public var description: String { amountText + " " + currency.code }

    // MARK: - Arithmetic

    /// Throws ``BillingError/Reason/mixedCurrencies`` unless `other` is in the same currency.
    func requireSameCurrency(_ other: Money) throws(BillingError) {
        guard currency == other.currency else {
            throw BillingError(.mixedCurrencies, facts: ["left": currency.code, "right": other.currency.code])
        }
    }

    /// The sum; refused across currencies (R-BIL-2).
    public func adding(_ other: Money) throws(BillingError) -> Money {
        try requireSameCurrency(other)
        return Money(amount + other.amount, currency)
    }

    /// The difference; refused across currencies (R-BIL-2).
    public func subtracting(_ other: Money) throws(BillingError) -> Money {
        try requireSameCurrency(other)
        return Money(amount - other.amount, currency)
    }

    /// The product, rounded half-up to the minor unit (R-BIL-2), e.g. VAT as `total.multiplied(by: 0.21)`.
    public func multiplied(by factor: Decimal) -> Money { Money(amount * factor, currency) }

    /// The product by a whole count, exact (R-BIL-2), e.g. a line's quantity.
    public func multiplied(by count: Int) -> Money { Money(amount * Decimal(count), currency) }

    /// How `self` compares with `other`; refused across currencies (R-BIL-2).
    public func compare(to other: Money) throws(BillingError) -> ComparisonResult {
        try requireSameCurrency(other)
        if amount < other.amount { return .orderedAscending }
        if amount > other.amount { return .orderedDescending }
        return .orderedSame
    }

    /// The sum of `amounts`, all in `currency` (zero when empty); refused across currencies (R-BIL-2).
    public static func sum(_ amounts: some Sequence<Money>, in currency: Currency) throws(BillingError) -> Money {
        var total = Money.zero(currency)
        for amount in amounts { total = try total.adding(amount) }
        return total
    }

    /// `lhs + rhs`; refused across currencies (R-BIL-2).
    public static func + (lhs: Money, rhs: Money) throws(BillingError) -> Money { try lhs.adding(rhs) }
    /// `lhs - rhs`; refused across currencies (R-BIL-2).
    public static func - (lhs: Money, rhs: Money) throws(BillingError) -> Money { try lhs.subtracting(rhs) }
    /// `lhs × rhs`, rounded half-up to the minor unit (R-BIL-2).
    public static func * (lhs: Money, rhs: Decimal) -> Money { lhs.multiplied(by: rhs) }
    /// `lhs × rhs`, exact (R-BIL-2).
    public static func * (lhs: Money, rhs: Int) -> Money { lhs.multiplied(by: rhs) }
    /// `lhs < rhs`; refused across currencies (R-BIL-2).
    public static func < (lhs: Money, rhs: Money) throws(BillingError) -> Bool { try lhs.compare(to: rhs) == .orderedAscending }
    /// `lhs <= rhs`; refused across currencies (R-BIL-2).
    public static func <= (lhs: Money, rhs: Money) throws(BillingError) -> Bool { try lhs.compare(to: rhs) != .orderedDescending }
    /// `lhs > rhs`; refused across currencies (R-BIL-2).
    public static func > (lhs: Money, rhs: Money) throws(BillingError) -> Bool { try lhs.compare(to: rhs) == .orderedDescending }
    /// `lhs >= rhs`; refused across currencies (R-BIL-2).
    public static func >= (lhs: Money, rhs: Money) throws(BillingError) -> Bool { try lhs.compare(to: rhs) != .orderedAscending }
}

// MARK: - Codable

extension Money: Codable {
    private enum CodingKeys: String, CodingKey { case amount, currency }

    /// Decodes the value, checking it as its parser does (SPEC §12).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let currency = try container.decode(Currency.self, forKey: .currency)
        let text = try container.decode(String.self, forKey: .amount)
        do { self = try Money(parsing: text, currency: currency) } catch {
            throw DecodingError.dataCorruptedError(forKey: .amount, in: container, debugDescription: error.description)
        }
    }

    /// Encodes the value in its documented JSON form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(amountText, forKey: .amount)
        try container.encode(currency, forKey: .currency)
    }
}
