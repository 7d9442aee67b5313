/// Whether one CPS level is open to an account and, if not, everything that is missing
/// (R-TIER-1, R-TIER-2, R-TIER-3).
public struct LevelAvailability: Hashable, Codable, Sendable {
    /// The level.
    public let level: CPSLevel
    /// The switch view the level is shown in.
    public let view: CPSLevelView
    /// The yearly fee.
    public let yearlyFee: Money
    /// Every shortfall: none when the level is open; for a business group both the points and the
    /// products shortfall when both apply.
    public let shortfalls: [LevelShortfall]

    /// Creates an availability.
    public init(level: CPSLevel, view: CPSLevelView, yearlyFee: Money, shortfalls: [LevelShortfall]) {
        self.level = level
        self.view = view
        self.yearlyFee = yearlyFee
        self.shortfalls = shortfalls
    }

    /// Whether the account may choose the level.
    public var isOpen: Bool { shortfalls.isEmpty }
}
