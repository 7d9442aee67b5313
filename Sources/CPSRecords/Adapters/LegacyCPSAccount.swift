/// An account of the old CPS, as the ``LegacyCPSDirectory`` finds it by e-mail (R-MIG-1, R-MIG-2).
public struct LegacyCPSAccount: Hashable, Codable, Sendable {
    /// The old CPS membership number; kept on record after migration (R-MIG-3).
    public var membershipNumber: String
    /// The old account's e-mail.
    public var email: EmailAddress
    /// The products registered there.
    public var products: [LegacyProduct]

    /// Creates an account.
    public init(membershipNumber: String, email: EmailAddress, products: [LegacyProduct]) {
        self.membershipNumber = membershipNumber
        self.email = email
        self.products = products
    }

    /// The membership number normalised for keys: upper-cased, only A–Z and 0–9 (e.g. `CPS1234567`).
    public var membershipKey: String { ProductModel.key(of: membershipNumber) }
}
