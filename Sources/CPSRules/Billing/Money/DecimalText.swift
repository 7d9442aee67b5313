import Foundation

/// Percentages and other policy decimals as text, so that policy JSON never carries a binary
/// floating point (SPEC §1, R-BIL-2).
enum DecimalText {
    /// The strict grammar of ``Money/init(parsing:currency:)`` with up to four decimals, within 0…100.
    static func percent(_ text: String) -> Decimal? {
        guard let scale = Currency(code: "PCT", minorUnits: 4),
              let value = try? Money(parsing: text, currency: scale),
              !value.isNegative, value.amount <= 100 else { return nil }
        return value.amount
    }

    /// `21`, `25.5`.
    static func text(_ value: Decimal) -> String { value.description }
}
