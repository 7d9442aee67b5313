import Foundation

/// Next steps for an account or an application (R-GUIDE-1): loads the facts through the store and the
/// other services' rules, authorises the caller (R-ACC-5), and hands the facts to ``NextSteps``.
///
/// ```swift
/// let guidance = GuidanceService(context)   // asks the context's legacyDirectory, if any
/// let steps = try await guidance.nextSteps(forAccount: accountID, as: .accountUser(userID))
/// for step in steps { print(step.code, step.text) }
/// ```
public struct GuidanceService: Sendable {
    let context: CPSContext

    /// Creates the service over `context`; its ``CPSContext/legacyDirectory`` (if any) is asked whether
    /// "MIGRATE PRODUCTS" is available (R-MIG-1).
    public init(_ context: CPSContext) { self.context = context }

    /// The next steps of the application `applicationID`, for its applicant or a reviewer, in
    /// `language` (default: the application's language) (R-GUIDE-1, R-ACC-5).
    public func nextSteps(forApplication applicationID: BusinessAccountApplication.ID, as principal: Principal,
                          in language: Language? = nil) async throws -> [GuidanceStep] {
        let facts = try await applicationFacts(applicationID, as: principal)
        return NextSteps(policy: context.policy, language: language ?? facts.application.language, catalog: context.catalog)
            .forApplication(facts)
    }

    /// The next steps of the account `accountID`, for one of its active users, in `language` (default:
    /// the user's language) (R-GUIDE-1, R-ACC-5).
    public func nextSteps(forAccount accountID: BusinessAccount.ID, as principal: Principal,
                          in language: Language? = nil) async throws -> [GuidanceStep] {
        let user = try await context.read("guidance.account", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
        }
        let facts = try await accountFacts(accountID, as: principal)
        return NextSteps(policy: context.policy, language: language ?? user?.record.language ?? .english, catalog: context.catalog)
            .forAccount(facts)
    }

    /// The facts behind an application's steps (R-GUIDE-1), for its applicant or a reviewer.
    public func applicationFacts(_ applicationID: BusinessAccountApplication.ID, as principal: Principal) async throws -> ApplicationGuidanceFacts {
        try await context.read("guidance.application", as: principal) { unit in
            let application = try await unit.application(applicationID).record
            var account: BusinessAccount?
            if let accountID = application.accountID {
                account = try await unit.fetch(BusinessAccount.self, id: accountID)?.record
            }
            return ApplicationGuidanceFacts(application: application, evidence: unit.evidenceEvaluation(of: application),
                                            account: account, now: unit.now)
        }
    }

    /// The facts behind an account's steps (R-GUIDE-1), for one of its active users.
    public func accountFacts(_ accountID: BusinessAccount.ID, as principal: Principal) async throws -> AccountGuidanceFacts {
        let account = try await context.read("guidance.facts", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            guard let account = try await unit.fetch(BusinessAccount.self, id: accountID)?.record else {
                throw AuthorizationError(.otherAccount, principal: principal)
            }
            return account
        }
        let store = context.store
        let products = try await store.fetchAll(ProductRegistration.self, indexKey: ProductRegistration.byAccount(accountID)).map(\.record)
            .filter { $0.status == .active }
        let balance = try await store.fetch(PointsBalance.self, id: accountID)?.record ?? PointsBalance(accountID: accountID)
        let migrated = try await !store.fetchAll(LegacyMembership.self, indexKey: LegacyMembership.byAccount(accountID)).isEmpty
        let migration = migrated ? nil
            : try await LegacyAccountFinder(context: context).find(for: account).availability
        let levels = LevelEligibility(points: balance.points, completeRegistrations: balance.completeRegistrations,
                                      policy: context.policy.levels)
        let memberships = try await store.fetchAll(Membership.self, indexKey: Membership.byAccount(accountID)).map(\.record)
            .sorted { $0.createdAt < $1.createdAt }
        let pending = try await store.fetchAll(MembershipPurchase.self, indexKey: MembershipPurchase.byAccount(accountID)).map(\.record)
            .filter { $0.invoiceID == nil }.sorted { $0.purchasedAt < $1.purchasedAt }
        let invoices = try await store.fetchAll(Invoice.self, indexKey: Invoice.byAccount(accountID)).map(\.record)
            .filter { $0.status.awaitsPayment }
            .sorted { ($0.due.dueDay, $0.number) < ($1.due.dueDay, $1.number) }
        let credits = try await store.fetchAll(AccountCredit.self, indexKey: AccountCredit.byAccount(accountID)).map(\.record.amount)
            .filter { $0.currency == context.policy.billing.currency && $0.amount > 0 }
        let credit = credits.isEmpty ? nil : Money(credits.reduce(Decimal(0)) { $0 + $1.amount }, context.policy.billing.currency)
        return AccountGuidanceFacts(account: account, products: products, balance: balance, migration: migration,
                                    levels: levels, memberships: memberships, pendingPurchases: pending,
                                    unpaidInvoices: invoices, now: context.time.now(), accountCredit: credit)
    }
}
