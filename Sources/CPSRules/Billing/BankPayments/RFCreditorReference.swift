/// An ISO 11649 structured creditor reference ("RF reference"), by which a bank-transfer payment is
/// matched to its invoice (R-BIL-4).
///
/// The reference is `RF`, two check digits and a base reference of 1…21 letters and digits. The
/// check digits are ISO 7064 MOD 97-10 over the base followed by `RF00`, with letters counted as
/// A = 10 … Z = 35: a reference is valid when the base, `RF` and the check digits, read that way,
/// leave 1 modulo 97 (the same arithmetic as an IBAN).
///
/// ```swift
/// let reference = try RFCreditorReference(base: "539007547034")
/// reference.electronic   // "RF18539007547034"
/// reference.printed      // "RF18 5390 0754 7034"
/// try RFCreditorReference(parsing: "rf18 5390 0754 7034") == reference   // true
/// ```
public struct RFCreditorReference: Hashable, Sendable, CustomStringConvertible {
    /// The base reference (upper case, no spaces), e.g. `"539007547034"`.
    public let base: String
    /// The two check digits, e.g. `"18"`.
    public let checkDigits: String

    /// Creates the reference for `base`, computing its check digits (R-BIL-4).
    ///
    /// Spaces and hyphens in `base` are dropped and letters upper-cased, so an invoice number such as
    /// `"CPS-2026-000001"` can be used as it is; anything else but letters and digits, an empty base
    /// or one longer than 21 characters is refused.
    public init(base: String) throws(BillingError) {
        let cleaned = try RFCreditorReference.cleanBase(base, input: base)
        self.base = cleaned
        self.checkDigits = RFCreditorReference.computeCheckDigits(cleaned)
    }

    /// Parses a reference in its electronic (`RF18539007547034`) or printed (`RF18 5390 0754 7034`)
    /// form, in either case, and checks its check digits (R-BIL-4).
    public init(parsing text: String) throws(BillingError) {
        let compact = String(text.unicodeScalars.filter { $0 != " " && $0 != "\u{00A0}" }).uppercased()
        let facts = ["reference": String(text.prefix(60))]
        guard compact.utf8.count >= 5, compact.utf8.count <= 25, compact.hasPrefix("RF") else {
            throw BillingError(.invalidCreditorReference, facts: facts)
        }
        let check = String(compact.dropFirst(2).prefix(2))
        // Generated check digits lie in 02…98; 00 and 01 pass the modulus but are never issued.
        guard check.utf8.allSatisfy({ (48...57).contains($0) }), let number = Int(check), number >= 2 else {
            throw BillingError(.invalidCreditorReference, facts: facts)
        }
        let base = try RFCreditorReference.cleanBase(String(compact.dropFirst(4)), input: text)
        guard RFCreditorReference.mod97(base + "RF" + check) == 1 else {
            throw BillingError(.invalidCreditorReference, facts: facts)
        }
        self.base = base
        self.checkDigits = check
    }

    /// Whether `text` is a valid RF creditor reference (R-BIL-4); a wrong check digit makes it invalid.
    public static func isValid(_ text: String) -> Bool {
        (try? RFCreditorReference(parsing: text)) != nil
    }

    /// The electronic form without spaces: `RF18539007547034`.
    public var electronic: String { "RF" + checkDigits + base }

    /// The printed form in groups of four: `RF18 5390 0754 7034`.
    public var printed: String {
        var groups: [Substring] = []
        var rest = Substring(electronic)
        while !rest.isEmpty {
            groups.append(rest.prefix(4))
            rest = rest.dropFirst(4)
        }
        return groups.joined(separator: " ")
    }

    /// The printed form.
    public var description: String { printed }

    // MARK: - Arithmetic

    private static func cleanBase(_ base: String, input: String) throws(BillingError) -> String {
        let cleaned = String(base.unicodeScalars.filter { $0 != " " && $0 != "-" }).uppercased()
        guard !cleaned.isEmpty, cleaned.utf8.count <= 21,
              cleaned.utf8.allSatisfy({ (48...57).contains($0) || (65...90).contains($0) }) else {
            throw BillingError(.invalidCreditorReference, facts: ["reference": String(input.prefix(60))])
        }
        return cleaned
    }

    /// 98 − (base + "RF00" mod 97), two digits.
    private static func computeCheckDigits(_ base: String) -> String {
        let value = 98 - mod97(base + "RF00")
        return value < 10 ? "0\(value)" : "\(value)"
    }

    /// The text read as a number with A = 10 … Z = 35, modulo 97 (ISO 7064 MOD 97-10).
    private static func mod97(_ text: String) -> Int {
        var remainder = 0
        for byte in text.utf8 {
            if (48...57).contains(byte) {
                remainder = (remainder * 10 + Int(byte - 48)) % 97
            } else {
                remainder = (remainder * 100 + Int(byte - 65) + 10) % 97
            }
        }
        return remainder
    }
}

// MARK: - Codable

extension RFCreditorReference: Codable {
    /// Decodes the electronic form and checks it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try RFCreditorReference(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the electronic form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(electronic)
    }
}
