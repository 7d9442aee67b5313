/// Whether the company is VAT-registered, with its number when it is (R-ACC-1). It decides which
/// evidence is required (R-DOC-1 or R-DOC-2).
public enum VATStatus: Hashable, Codable, Sendable {
    /// VAT-registered, with a number valid under R-VAT-1.
    case registered(VATNumber)
    /// Not VAT-registered.
    case notRegistered

    /// The number, when registered.
    public var number: VATNumber? {
        if case .registered(let number) = self { return number }
        return nil
    }
}
