/// Where a default policy value comes from (SPEC §1 "Policy is data"; R-TIER-2, R-BIL-2…5).
///
/// Defaults that the seed, the specification or Canon's public pages state are `sourced`; numbers
/// CPSKit had to choose are `placeholder`s, to be replaced by the host's real figures. The shipped
/// policies (``LevelPolicy/canonEurope``, ``BillingPolicy/canonEurope``) mark every default, and
/// `Documentation/PolicyReference-LevelsAndBilling.md` lists them.
public enum PolicyProvenance: String, Codable, Sendable, CaseIterable {
    /// Stated by the seed guide, the specification or Canon's public pages ([public]).
    case sourced
    /// Chosen by CPSKit for want of a source; replace with the real figure.
    case placeholder
}
