/// The two views of "Available CPS levels" ("Tillgängliga CPS-nivåer"), chosen with its ON/OFF
/// switch (R-TIER-3): ON shows the business levels, OFF the individual Silver/Gold/Platinum levels.
public enum CPSLevelView: String, Codable, Sendable, CaseIterable {
    /// Switch OFF: Silver, Gold, Platinum (R-TIER-1).
    case individual
    /// Switch ON: business groups A–C (R-TIER-2).
    case business

    /// The view the switch shows: `true` (ON) is ``business``.
    public init(switchOn: Bool) { self = switchOn ? .business : .individual }

    /// The catalog key of the view's name, e.g. `billing.view.business`.
    public var textKey: TextKey { TextKey("billing.view.\(rawValue)") }
}

/// Named in the reader's language (R-MSG-1, R-TIER-3).
extension CPSLevelView: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { textKey }
}
