import Foundation

/// What the next steps of an active business account are built from (R-GUIDE-1): its products,
/// points, migration availability, level eligibility, membership and invoices, and the moment of
/// asking. ``GuidanceService`` loads it; tests and hosts may build it directly.
public struct AccountGuidanceFacts: Sendable {
    /// The account (R-VAL-3).
    public var account: BusinessAccount
    /// Its registrations that are not removed (R-PRD-2, R-PRD-3).
    public var products: [ProductRegistration]
    /// Its points and invitation (R-PTS-1, R-INV-1).
    public var balance: PointsBalance
    /// Whether "MIGRATE PRODUCTS" is available, and why not (R-MIG-1); `nil` once the old CPS account
    /// has been migrated into this one.
    public var migration: MigrationAvailability?
    /// Both views of "Available CPS levels" (R-TIER-1…3).
    public var levels: LevelEligibility
    /// The account's memberships, oldest first (R-MEM-1, R-MEM-2).
    public var memberships: [Membership]
    /// Purchases whose invoice is not yet issued (R-BIL-2).
    public var pendingPurchases: [MembershipPurchase]
    /// Invoices that await payment (R-BIL-2…4).
    public var unpaidInvoices: [Invoice]
    /// When the steps are asked for.
    public var now: Date
    /// The account's credit, taken off its next invoice (R-LIFE-5); `nil` when it holds none.
    public var accountCredit: Money?

    /// Creates the facts (R-GUIDE-1).
    public init(account: BusinessAccount, products: [ProductRegistration], balance: PointsBalance,
                migration: MigrationAvailability?, levels: LevelEligibility, memberships: [Membership],
                pendingPurchases: [MembershipPurchase], unpaidInvoices: [Invoice], now: Date, accountCredit: Money? = nil) {
        self.accountCredit = accountCredit
        self.account = account
        self.products = products
        self.balance = balance
        self.migration = migration
        self.levels = levels
        self.memberships = memberships
        self.pendingPurchases = pendingPurchases
        self.unpaidInvoices = unpaidInvoices
        self.now = now
    }
}
