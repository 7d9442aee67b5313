/// What happens after the first purchase (R-LIFE-1…6): the renewal notice, automatic card renewal
/// and the version of the membership terms a purchase must accept.
///
/// A host's policy file may leave the whole `lifecycle` section out (it takes this default).
public struct LifecyclePolicy: Hashable, Codable, Sendable {
    /// How many calendar days before the expiry date (policy time zone) the renewal notice goes out and
    /// the renewal invoice is issued (R-LIFE-1: default 30).
    public var renewalNoticeDays: Int
    /// Whether a card membership renews automatically unless cancelled (R-LIFE-1: yes). When `false`,
    /// a card membership gets the notice but no renewal invoice; the superuser buys again.
    public var cardRenewsAutomatically: Bool
    /// The version of the membership terms now in force; a purchase must name it (R-LIFE-6).
    public var termsVersion: String
    /// Whether each field's default is sourced or a placeholder, by field name (SPEC §1).
    public var provenance: [String: PolicyProvenance]

    /// 30 days' notice, card renews automatically, terms version `2026-1` (a placeholder).
    public init(renewalNoticeDays: Int = 30, cardRenewsAutomatically: Bool = true, termsVersion: String = "2026-1",
                provenance: [String: PolicyProvenance] = LifecyclePolicy.defaultProvenance) {
        self.renewalNoticeDays = renewalNoticeDays
        self.cardRenewsAutomatically = cardRenewsAutomatically
        self.termsVersion = termsVersion
        self.provenance = provenance
    }

    /// The provenance of the defaults: the notice days and automatic card renewal are the SPEC's
    /// defaults (R-LIFE-1), not Canon's published terms; the terms version is made up.
    public static let defaultProvenance: [String: PolicyProvenance] = [
        "renewalNoticeDays": .placeholder,       // SPEC R-LIFE-1 default 30; not published by Canon
        "cardRenewsAutomatically": .placeholder, // SPEC R-LIFE-1 "(policy)"
        "termsVersion": .placeholder,            // no published version identifier
    ]

    /// Checks the values (R-LIFE-1, R-LIFE-6).
    func validate() throws(PolicyError) {
        if !(0...365).contains(renewalNoticeDays) {
            throw PolicyError(.outOfRange, field: "lifecycle.renewalNoticeDays", minimum: .number(0), maximum: .number(365))
        }
        if termsVersion.isEmpty || termsVersion.count > 40 {
            throw PolicyError(.outOfRange, field: "lifecycle.termsVersion", minimum: .number(1), maximum: .number(40))
        }
    }
}
