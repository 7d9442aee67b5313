extension Money {
    /// The amount for people in `language` (R-BIL-2, SPEC §1), without `Double` or platform locale data:
    ///
    /// - Swedish: `1 234,50 kr` (SEK), `1 234,50 €`, `-12,00 £`: space between thousands, decimal
    ///   comma, symbol after the number.
    /// - English and every other language: `€1,234.50`, `£12.00`, `-€12.00`, `SEK 1,234.50`: comma
    ///   between thousands, decimal point, symbol before the number (a code and a space when the
    ///   currency has no common symbol).
    ///
    /// The thousands separator in Swedish is a plain space, so texts stay ASCII-searchable.
    public func formatted(in language: Language) -> String {
        let (negative, digits) = minorUnitDigits
        let minor = currency.minorUnits
        let padded = String(repeating: "0", count: max(0, minor + 1 - digits.count)) + digits
        let whole = String(padded.dropLast(minor))
        let fraction = String(padded.suffix(minor))
        let swedish = language == .swedish
        let grouped = Money.group(whole, separator: swedish ? "\u{00A0}" : ",")
        let number = grouped + (minor > 0 ? (swedish ? "," : ".") + fraction : "")
        let sign = negative ? "-" : ""
        if swedish {
            let symbol = currency == .sek ? "kr" : (Money.symbols[currency.code] ?? currency.code)
            return sign + number + " " + symbol
        }
        if let symbol = Money.symbols[currency.code] { return sign + symbol + number }
        return sign + currency.code + " " + number
    }

    /// Currency symbols written before the number in English and after it in Swedish.
    private static let symbols: [String: String] = ["EUR": "€", "GBP": "£", "USD": "$", "JPY": "¥"]

    /// `digits` with `separator` between groups of three from the right.
    private static func group(_ digits: String, separator: String) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += separator }
            result.append(character)
        }
        return result
    }
}
