/// What a superuser asks for when buying CPS (R-MEM-1, R-BIL-1, R-TIER-1…3).
public struct PurchaseRequest: Hashable, Codable, Sendable {
    /// The buying account.
    public var accountID: BusinessAccount.ID
    /// The chosen level; refused with the eligibility explanation if it is not open (R-TIER-1, R-TIER-2).
    public var level: CPSLevel
    /// The term in years: 1, or a multi-year term with a policy discount for business groups (R-TIER-2).
    public var years: Int
    /// Card or bank transfer (R-BIL-1).
    public var paymentMethod: PaymentMethod
    /// The version of the membership terms the superuser accepted (R-LIFE-6); it must be the policy's
    /// current ``LifecyclePolicy/termsVersion``, else the purchase is refused with
    /// ``MembershipError/Reason/termsNotCurrent`` — `nil` (not stated) is refused too.
    public var termsVersion: String?

    /// Creates a request; one year by default.
    public init(accountID: BusinessAccount.ID, level: CPSLevel, years: Int = 1, paymentMethod: PaymentMethod,
                termsVersion: String? = nil) {
        self.accountID = accountID
        self.level = level
        self.years = years
        self.paymentMethod = paymentMethod
        self.termsVersion = termsVersion
    }
}
