/// An ISO 4217 currency: its three-letter code and the number of digits of its minor unit (R-BIL-2).
///
/// Amounts are rounded half-up to the minor unit (EUR and SEK to cents, JPY to whole yen, BHD and KWD
/// to thousandths). CPSKit knows the currencies of ``known``; a host may create others with
/// ``init(code:minorUnits:)``. Codable as its code (`"EUR"`); decoding an unknown code fails.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    /// The upper-case ISO 4217 alphabetic code, e.g. `"EUR"`.
    public let code: String
    /// The digits after the decimal point of the minor unit (ISO 4217 "minor unit"): 2 for EUR, 0 for JPY.
    public let minorUnits: Int

    /// Creates a currency that CPSKit does not list (R-BIL-2); `nil` unless `code` is three ASCII
    /// letters and `minorUnits` lies in 0…4.
    public init?(code: String, minorUnits: Int) {
        guard code.utf8.count == 3, code.utf8.allSatisfy({ (65...90).contains($0) || (97...122).contains($0) }),
              (0...4).contains(minorUnits) else { return nil }
        self.code = code.uppercased()
        self.minorUnits = minorUnits
    }

    /// The known currency with the ISO 4217 code `code` (either case), or `nil` (R-BIL-2).
    public init?(_ code: String) {
        guard let found = Currency.known[code.uppercased()] else { return nil }
        self = found
    }

    private init(unchecked code: String, _ minorUnits: Int) {
        self.code = code
        self.minorUnits = minorUnits
    }

    /// The ISO 4217 code (R-BIL-2).
    public var description: String { code }

    /// Euro (2 decimals).
    public static let eur = Currency(unchecked: "EUR", 2)
    /// Swedish krona (2 decimals).
    public static let sek = Currency(unchecked: "SEK", 2)
    /// Pound sterling (2 decimals).
    public static let gbp = Currency(unchecked: "GBP", 2)
    /// Norwegian krone (2 decimals).
    public static let nok = Currency(unchecked: "NOK", 2)
    /// Danish krone (2 decimals).
    public static let dkk = Currency(unchecked: "DKK", 2)
    /// Swiss franc (2 decimals).
    public static let chf = Currency(unchecked: "CHF", 2)
    /// Polish złoty (2 decimals).
    public static let pln = Currency(unchecked: "PLN", 2)
    /// Czech koruna (2 decimals).
    public static let czk = Currency(unchecked: "CZK", 2)
    /// Hungarian forint (2 decimals in ISO 4217).
    public static let huf = Currency(unchecked: "HUF", 2)
    /// US dollar (2 decimals).
    public static let usd = Currency(unchecked: "USD", 2)
    /// Japanese yen (no minor unit).
    public static let jpy = Currency(unchecked: "JPY", 0)
    /// Bahraini dinar (3 decimals).
    public static let bhd = Currency(unchecked: "BHD", 3)
    /// Kuwaiti dinar (3 decimals).
    public static let kwd = Currency(unchecked: "KWD", 3)

    /// Every currency CPSKit knows by code, with its ISO 4217 minor unit (R-BIL-2): the currencies of
    /// the participating countries, and a few with 0 or 3 decimals.
    public static let known: [String: Currency] = {
        let table: [(String, Int)] = [
            ("EUR", 2), ("SEK", 2), ("GBP", 2), ("NOK", 2), ("DKK", 2), ("CHF", 2), ("PLN", 2),
            ("CZK", 2), ("HUF", 2), ("RON", 2), ("BGN", 2), ("ISK", 0), ("USD", 2), ("CAD", 2),
            ("AUD", 2), ("TRY", 2), ("RSD", 2), ("JPY", 0), ("KRW", 0), ("CLP", 0), ("VND", 0),
            ("BHD", 3), ("KWD", 3), ("JOD", 3), ("OMR", 3), ("TND", 3), ("IQD", 3), ("LYD", 3),
        ]
        var result: [String: Currency] = [:]
        for (code, units) in table { result[code] = Currency(unchecked: code, units) }
        return result
    }()
}

// MARK: - Codable

extension Currency: Codable {
    /// Decodes the value, checking it as its parser does (SPEC §12).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let currency = Currency(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "Unknown ISO 4217 currency \"\(text.prefix(20))\".")
        }
        self = currency
    }

    /// Encodes the value in its documented JSON form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
