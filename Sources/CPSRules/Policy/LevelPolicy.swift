import Foundation

/// The CPS levels as data (SPEC §1; R-TIER-1, R-TIER-2): the points each individual level needs, the
/// business points threshold, each business group's band of complete registrations, and the fees.
///
/// ``canonEurope`` is the default. Every entry carries a ``PolicyProvenance``: the individual levels
/// are sourced ([public]); the business threshold ("more than 2,500 points") is sourced (seed); the
/// business groups' overall range (roughly 25–250 products, €1,000–5,000 a year, discounts for 2–3-year
/// terms) is [public], but the split into bands, fees and discounts per group is a **placeholder**.
public struct LevelPolicy: Hashable, Codable, Sendable {
    /// An individual level: open from a number of points (R-TIER-1).
    public struct IndividualLevel: Hashable, Codable, Sendable {
        /// The level.
        public let level: CPSLevel
        /// Open at this many points or more.
        public let minimumPoints: Int
        /// The yearly fee.
        public let yearlyFee: Money
        /// Whether points and fee are sourced or placeholders.
        public let provenance: PolicyProvenance

        /// Creates an individual level.
        public init(level: CPSLevel, minimumPoints: Int, yearlyFee: Money, provenance: PolicyProvenance) {
            self.level = level
            self.minimumPoints = minimumPoints
            self.yearlyFee = yearlyFee
            self.provenance = provenance
        }
    }

    /// A discount on a business term of several years (R-TIER-2).
    public struct TermDiscount: Hashable, Sendable {
        /// The term in years, e.g. 2 or 3.
        public let years: Int
        /// The discount on `years` × the yearly fee, in percent.
        public let percent: Decimal
        /// Whether the figure is sourced or a placeholder.
        public let provenance: PolicyProvenance

        /// Creates a discount.
        public init(years: Int, percent: Decimal, provenance: PolicyProvenance) {
            self.years = years
            self.percent = percent
            self.provenance = provenance
        }
    }

    /// A business group: open with more than ``LevelPolicy/businessPointsThreshold`` points **and** a
    /// number of complete registrations within its band (R-TIER-2).
    public struct BusinessLevel: Hashable, Codable, Sendable {
        /// The level.
        public let level: CPSLevel
        /// The fewest complete registrations the group accepts.
        public let minimumProducts: Int
        /// The most complete registrations the group accepts; `nil` for no upper bound.
        public let maximumProducts: Int?
        /// The yearly fee for a one-year term.
        public let yearlyFee: Money
        /// The discounts for longer terms.
        public let termDiscounts: [TermDiscount]
        /// Whether the band and the fee are sourced or placeholders.
        public let provenance: PolicyProvenance

        /// Creates a business group.
        public init(level: CPSLevel, minimumProducts: Int, maximumProducts: Int?, yearlyFee: Money,
                    termDiscounts: [TermDiscount], provenance: PolicyProvenance) {
            self.level = level
            self.minimumProducts = minimumProducts
            self.maximumProducts = maximumProducts
            self.yearlyFee = yearlyFee
            self.termDiscounts = termDiscounts
            self.provenance = provenance
        }
    }

    /// The individual levels, lowest first (R-TIER-1).
    public var individualLevels: [IndividualLevel] { didSet { rebuildThresholds() } }
    /// The business groups (R-TIER-2).
    public var businessLevels: [BusinessLevel] { didSet { rebuildThresholds() } }
    /// Business levels need **more than** this many points: at exactly this many they are closed (R-TIER-2).
    public var businessPointsThreshold: Int { didSet { rebuildThresholds() } }
    /// Whether the threshold is sourced or a placeholder.
    public var businessPointsThresholdProvenance: PolicyProvenance
    /// The levels above, flattened and clamped for ``LevelEligibility`` (rebuilt when one changes).
    @usableFromInline private(set) var thresholds: LevelThresholds

    /// Creates a policy.
    public init(individualLevels: [IndividualLevel], businessLevels: [BusinessLevel], businessPointsThreshold: Int,
                businessPointsThresholdProvenance: PolicyProvenance) {
        self.individualLevels = individualLevels
        self.businessLevels = businessLevels
        self.businessPointsThreshold = businessPointsThreshold
        self.businessPointsThresholdProvenance = businessPointsThresholdProvenance
        thresholds = LevelThresholds.interned(individualLevels: individualLevels, businessLevels: businessLevels,
                                              businessPointsThreshold: businessPointsThreshold)
    }

    private mutating func rebuildThresholds() {
        thresholds = LevelThresholds.interned(individualLevels: individualLevels, businessLevels: businessLevels,
                                              businessPointsThreshold: businessPointsThreshold)
    }

    /// The default as of the seed and Canon's public pages (R-TIER-1, R-TIER-2).
    ///
    /// Sourced: Silver 500 / Gold 1,000 / Platinum 1,600 points at €100 / €200 / €350 a year ([public]);
    /// business levels with more than 2,500 points (seed). Placeholders: group A 25–74, B 75–149,
    /// C 150–250 complete registrations at €1,000 / €2,500 / €5,000 a year, 5 % off a 2-year and 10 %
    /// off a 3-year term.
    public static let canonEurope: LevelPolicy = {
        let discounts = [
            TermDiscount(years: 2, percent: 5, provenance: .placeholder),
            TermDiscount(years: 3, percent: 10, provenance: .placeholder),
        ]
        return LevelPolicy(
            individualLevels: [
                IndividualLevel(level: .silver, minimumPoints: 500, yearlyFee: Money(100, .eur), provenance: .sourced),
                IndividualLevel(level: .gold, minimumPoints: 1_000, yearlyFee: Money(200, .eur), provenance: .sourced),
                IndividualLevel(level: .platinum, minimumPoints: 1_600, yearlyFee: Money(350, .eur), provenance: .sourced),
            ],
            businessLevels: [
                BusinessLevel(level: .businessA, minimumProducts: 25, maximumProducts: 74,
                              yearlyFee: Money(1_000, .eur), termDiscounts: discounts, provenance: .placeholder),
                BusinessLevel(level: .businessB, minimumProducts: 75, maximumProducts: 149,
                              yearlyFee: Money(2_500, .eur), termDiscounts: discounts, provenance: .placeholder),
                BusinessLevel(level: .businessC, minimumProducts: 150, maximumProducts: 250,
                              yearlyFee: Money(5_000, .eur), termDiscounts: discounts, provenance: .placeholder),
            ],
            businessPointsThreshold: 2_500,
            businessPointsThresholdProvenance: .sourced)
    }()

    // MARK: - Look-ups

    /// Every level of the policy: individual ones first, then business groups.
    public var allLevels: [CPSLevel] { individualLevels.map(\.level) + businessLevels.map(\.level) }

    /// The view `level` belongs to, or `nil` when the policy does not know it (R-TIER-3).
    public func view(of level: CPSLevel) -> CPSLevelView? {
        if individualLevels.contains(where: { $0.level == level }) { return .individual }
        if businessLevels.contains(where: { $0.level == level }) { return .business }
        return nil
    }

    /// The fee of a term of `years` years at `level`: the yearly fee × years, less the policy's
    /// discount for that term (business groups only), rounded half-up (R-TIER-1, R-TIER-2, R-MEM-1).
    ///
    /// `nil` when the level is unknown, or `years` is not 1 and the level offers no discount for it.
    public func fee(for level: CPSLevel, years: Int = 1) -> Money? {
        if let individual = individualLevels.first(where: { $0.level == level }) {
            return years == 1 ? individual.yearlyFee : nil
        }
        guard let business = businessLevels.first(where: { $0.level == level }) else { return nil }
        if years == 1 { return business.yearlyFee }
        guard let discount = business.termDiscounts.first(where: { $0.years == years }) else { return nil }
        return business.yearlyFee.multiplied(by: Decimal(years) * (100 - discount.percent) / 100)
    }
}

// MARK: - Equality and Codable (the thresholds are derived: neither compared nor stored)

extension LevelPolicy {
    private enum CodingKeys: String, CodingKey {
        case individualLevels, businessLevels, businessPointsThreshold, businessPointsThresholdProvenance
    }

    /// Decodes the four fields (the thresholds are rebuilt from them).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(individualLevels: try container.decode([IndividualLevel].self, forKey: .individualLevels),
                  businessLevels: try container.decode([BusinessLevel].self, forKey: .businessLevels),
                  businessPointsThreshold: try container.decode(Int.self, forKey: .businessPointsThreshold),
                  businessPointsThresholdProvenance: try container.decode(PolicyProvenance.self,
                                                                          forKey: .businessPointsThresholdProvenance))
    }

    /// Encodes the four fields, as before the thresholds existed.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(individualLevels, forKey: .individualLevels)
        try container.encode(businessLevels, forKey: .businessLevels)
        try container.encode(businessPointsThreshold, forKey: .businessPointsThreshold)
        try container.encode(businessPointsThresholdProvenance, forKey: .businessPointsThresholdProvenance)
    }

    /// Equal when the four fields are.
    public static func == (lhs: LevelPolicy, rhs: LevelPolicy) -> Bool {
        lhs.individualLevels == rhs.individualLevels && lhs.businessLevels == rhs.businessLevels
            && lhs.businessPointsThreshold == rhs.businessPointsThreshold
            && lhs.businessPointsThresholdProvenance == rhs.businessPointsThresholdProvenance
    }

    /// Hashes the four fields.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(individualLevels)
        hasher.combine(businessLevels)
        hasher.combine(businessPointsThreshold)
        hasher.combine(businessPointsThresholdProvenance)
    }
}

extension LevelPolicy.TermDiscount: Codable {
    private enum CodingKeys: String, CodingKey { case years, percent, provenance }

    /// Decodes `{"years":2,"percent":"5","provenance":"placeholder"}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        years = try container.decode(Int.self, forKey: .years)
        provenance = try container.decode(PolicyProvenance.self, forKey: .provenance)
        guard let percent = DecimalText.percent(try container.decode(String.self, forKey: .percent)) else {
            throw DecodingError.dataCorruptedError(
                forKey: .percent, in: container, debugDescription: "Expected a percentage 0…100 as text.")
        }
        self.percent = percent
    }

    /// Encodes the percentage as text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(years, forKey: .years)
        try container.encode(DecimalText.text(percent), forKey: .percent)
        try container.encode(provenance, forKey: .provenance)
    }
}
