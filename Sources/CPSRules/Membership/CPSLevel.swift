/// A CPS membership level (R-TIER-1, R-TIER-2): the individual levels Silver, Gold and Platinum, and
/// the business groups A–C.
///
/// A struct around a stable code rather than an enum, so that a host policy may define further
/// levels without breaking a client's `switch`. The level's terms (points, band, fee) are in the
/// ``LevelPolicy``; its name is in the catalog under ``textKey``. The names are Canon's brand names
/// and read the same in every language ("Silver", "Gold", "Platinum", "Business A"…).
public struct CPSLevel: Hashable, Sendable, RawRepresentable, CustomStringConvertible {
    /// The stable code, e.g. `"gold"`, `"businessA"`.
    public let rawValue: String

    /// Creates a level from its code.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Silver: from 500 points, €100 a year ([public], R-TIER-1).
    public static let silver = CPSLevel(rawValue: "silver")
    /// Gold: from 1,000 points, €200 a year ([public], R-TIER-1).
    public static let gold = CPSLevel(rawValue: "gold")
    /// Platinum: from 1,600 points, €350 a year ([public], R-TIER-1).
    public static let platinum = CPSLevel(rawValue: "platinum")
    /// Business group A (R-TIER-2).
    public static let businessA = CPSLevel(rawValue: "businessA")
    /// Business group B (R-TIER-2).
    public static let businessB = CPSLevel(rawValue: "businessB")
    /// Business group C (R-TIER-2).
    public static let businessC = CPSLevel(rawValue: "businessC")

    /// The catalog key of the level's name, e.g. `billing.level.gold`.
    public var textKey: TextKey { TextKey("billing.level.\(rawValue)") }

    /// The level's name (its brand name, the same in Swedish and English).
    public var name: String { TextCatalog.standard.render(textKey, in: .english) }

    /// The stable code.
    public var description: String { rawValue }
}

// MARK: - Codable

extension CPSLevel: Codable {
    /// Decodes the value, checking it as its parser does (SPEC §12).
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the value in its documented JSON form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Named in the reader's language (R-MSG-1, R-TIER-1, R-TIER-2).
extension CPSLevel: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { textKey }
}
