import Foundation

/// The member's side of CPS (seed activation steps 3–4): the "Available CPS levels" view, buying a
/// level, and the memberships on record (R-TIER-1…3, R-MEM-1, R-MEM-2, R-BIL-1).
///
/// Levels are decided from the account's ``PointsBalance`` (a missing balance is 0 points and 0
/// complete registrations). Only a superuser buys; the membership is usable at once, before payment;
/// its invoice is issued later by ``InvoicingService/issueDueInvoices(as:)``.
///
/// ```swift
/// let service = MembershipService(context)
/// let levels = try await service.levels(of: accountID, as: user)          // both switch views
/// let receipt = try await service.purchase(
///     PurchaseRequest(accountID: accountID, level: .gold, paymentMethod: .bankTransfer), as: superuser)
/// receipt.membership.number      // a new CPS number with its check digit
/// receipt.bankTransferNotice     // "a bank transfer may bring local extra fees"
/// ```
public struct MembershipService: Sendable {
    let context: CPSContext
    let previousNumbers: any PreviousMembershipNumbers
    private var support: BillingSupport { BillingSupport(context: context) }

    /// Creates the service; `previousNumbers` supplies numbers kept outside CPSKit's own membership
    /// records — by default the old CPS numbers the migration kept (``MigratedMembershipNumbers``,
    /// R-MEM-2, R-MIG-3).
    public init(_ context: CPSContext, previousNumbers: (any PreviousMembershipNumbers)? = nil) {
        self.context = context
        self.previousNumbers = previousNumbers ?? MigratedMembershipNumbers(store: context.store)
    }

    /// Both views of the "Available CPS levels" switch for the account, from its points and complete
    /// registrations: each level open or not, and what is missing (R-TIER-1, R-TIER-2, R-TIER-3).
    /// Any active user of the account may look.
    public func levels(of accountID: BusinessAccount.ID, as principal: Principal) async throws -> LevelEligibility {
        try await context.read("membership.levels", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            var levels = try await eligibility(of: accountID, in: unit)
            let all = try await unit.fetchAll(Membership.self, indexKey: Membership.byAccount(accountID)).map(\.record)
            if let latest = Self.current(in: all, at: unit.now) {
                levels.membershipLevel = latest.level
                levels.membershipStatus = latest.status(at: unit.now)
            }
            return levels
        }
    }

    /// The account's memberships, oldest first, with their numbers and statuses (R-MEM-1, R-MEM-2).
    public func memberships(of accountID: BusinessAccount.ID, as principal: Principal) async throws -> [Membership] {
        try await context.read("membership.list", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            return try await context.store.fetchAll(Membership.self, indexKey: Membership.byAccount(accountID)).map(\.record)
        }
    }

    /// The account's current membership term (R-MEM-1, R-LIFE-2): the term that has begun and not
    /// ended now — active or suspended — else the latest term that has begun, whose
    /// ``Membership/status(at:)`` now says `expired` or `cancelled`; `nil` when the account never had
    /// one. A renewal term that has not begun (`scheduled`) is not current; an upgraded (ended) term
    /// never is. Read ``Membership/isUsable(at:)`` to know whether the member can use CPS.
    public func currentMembership(of accountID: BusinessAccount.ID, as principal: Principal) async throws -> Membership? {
        let now = context.time.now()
        return Self.current(in: try await memberships(of: accountID, as: principal), at: now)
    }

    /// The current term among `memberships` at `instant` (see ``currentMembership(of:as:)``).
    static func current(in memberships: [Membership], at instant: Date) -> Membership? {
        let begun = memberships.filter { $0.status != .ended && $0.term.start <= instant }
        return begun.last { $0.term.isActive(at: instant) } ?? begun.max { $0.term.end < $1.term.end }
    }

    /// Buys a CPS level (R-MEM-1, R-MEM-2, R-BIL-1, R-TIER-1…3). Only a superuser of the account.
    ///
    /// - The level must be open **when the purchase commits**: the decision reads the account's
    ///   ``PointsBalance`` through the unit of work, so a product removed concurrently makes the
    ///   purchase run again and be refused (R-UOW-1). A closed level is ``MembershipError`` with
    ///   ``MembershipError/Reason/levelNotOpen`` and the shortfalls, and nothing changes.
    /// - No current term: a new term starts now. The current term's level: an early renewal from its
    ///   expiry. Another level: an upgrade at the new level's full fee, no credit; the current term
    ///   ends (policy).
    /// - One batch: the membership with a **new** number (unique, check digit, different from every
    ///   number the account had), the number counter, the purchase awaiting its invoice, the audit entry.
    ///   No card is charged (R-BIL-3); a card purchase needs a ``CPSContext/paymentGateway``, else it is
    ///   refused with ``MembershipError/Reason/cardPaymentsUnavailable``.
    /// - With an `idempotencyKey`, a repeat of the same request returns the first receipt and buys
    ///   nothing (R-UOW-1); the same key with another request is ``IdempotencyError``.
    @discardableResult
    public func purchase(_ request: PurchaseRequest, idempotencyKey: String? = nil,
                         as principal: Principal) async throws -> PurchaseReceipt {
        if request.paymentMethod == .card, context.paymentGateway == nil {
            throw MembershipError(.cardPaymentsUnavailable)
        }
        try await context.read("membership.purchase", as: principal) { unit in
            try await unit.authorize(.superuserOf(accountID: request.accountID))
        }
        // R-LIFE-6: the terms accepted must be the ones in force.
        let terms = context.policy.lifecycle.termsVersion
        guard request.termsVersion == terms else {
            throw MembershipError(.termsNotCurrent, facts: ["accepted": request.termsVersion ?? "—", "current": terms])
        }
        let external = try await previousNumbers.previousNumbers(of: request.accountID)
        return try await context.transact("membership.purchase", as: principal) { unit in
            guard let user = try await unit.authorize(.superuserOf(accountID: request.accountID)),
                  let account = try await unit.fetch(BusinessAccount.self, id: request.accountID)?.record else {
                throw AuthorizationError(.otherAccount, principal: principal)
            }
            let replayed = try await unit.replay(idempotencyKey, operation: "membership.purchase", scope: request.accountID.rawValue,
                                                 request: request, as: PurchaseReceipt.self)
            if let answer = replayed.answer { return answer }
            _ = try await eligibility(of: request.accountID, in: unit).choose(request.level)
            let receipt = try await purchase(request, account: account, external: external, language: user.record.language,
                                             in: unit)
            try unit.remember(receipt, for: replayed.claim)
            return receipt
        }
    }

    // MARK: - Internals

    /// The levels open to the account, from its balance read through `unit` (R-TIER-1…3).
    private func eligibility(of accountID: BusinessAccount.ID, in unit: UnitOfWork) async throws -> LevelEligibility {
        let balance = try await unit.fetch(PointsBalance.self, id: accountID)?.record
        return LevelEligibility(points: balance?.points ?? 0, completeRegistrations: balance?.completeRegistrations ?? 0,
                                policy: context.policy.levels)
    }

    private func purchase(_ request: PurchaseRequest, account: BusinessAccount, external: [String],
                          language: Language, in unit: UnitOfWork) async throws -> PurchaseReceipt {
        let now = unit.now
        let principal = unit.principal
        let billing = support.billing
        let levels = context.policy.levels
        let existing = try await unit.fetchAll(Membership.self, indexKey: Membership.byAccount(account.id))
        let current = existing.filter { $0.record.status != .ended && $0.record.term.end > now }
            .max { $0.record.term.end < $1.record.term.end }
        var replaced: Stored<Membership>?
        let term: MembershipTerm
        if let current {
            if current.record.level == request.level {
                term = try MembershipTerm.renewal(of: current.record.term, years: request.years, at: now,
                                                  levels: levels, billing: billing)
            } else {
                term = try MembershipTerm.upgrade(from: current.record.term, to: request.level, years: request.years,
                                                  at: now, levels: levels, billing: billing)
                if billing.upgradeStartsNewTerm { replaced = current }
            }
        } else {
            term = try MembershipTerm.purchase(level: request.level, years: request.years, at: now, levels: levels,
                                               billing: billing)
        }
        // R-MEM-2: a new number from the global counter, different from every number the account had.
        let assignment = try await unit.assignMembershipNumber(existing: existing.map(\.record), external: external)
        let membershipID: Membership.ID = context.ids.next("membership")
        let purchaseID: MembershipPurchase.ID = context.ids.next("purchase")
        var membership = Membership(id: membershipID, accountID: account.id, number: assignment.number, term: term,
                                    years: request.years, paymentMethod: request.paymentMethod, purchaseID: purchaseID,
                                    previousNumbers: assignment.previousNumbers, createdAt: now)
        // R-LIFE-6: who accepted which version of the terms, when.
        membership.termsVersion = request.termsVersion
        membership.termsAcceptedBy = principal.description
        membership.termsAcceptedAt = now
        var purchase = MembershipPurchase(id: purchaseID, accountID: account.id, membershipID: membershipID, term: term,
                                          years: request.years, paymentMethod: request.paymentMethod,
                                          purchasedBy: principal, purchasedAt: now,
                                          issueBy: billing.latestIssueTime(afterPurchaseAt: now))
        purchase.termsVersion = request.termsVersion
        purchase.termsAcceptedBy = principal.description
        purchase.termsAcceptedAt = now
        var ended: Membership?
        if var replaced {
            // R-LIFE-3: an upgrade inside the notice window replaces the pending renewal term (the latest
            // term) and voids its invoice, unless its charge has started or it is paid.
            if let predecessorID = replaced.record.renewalOf, let invoiceID = replaced.record.invoiceID,
               let invoice = try await unit.fetch(Invoice.self, id: invoiceID),
               !(try await Self.renewalIsCharged(invoice.record, in: unit)) {
                if invoice.record.status.awaitsPayment { try unit.voidInvoice(invoice, reason: "renewalUpgraded") }
                if var predecessor = try await unit.fetch(Membership.self, id: predecessorID), predecessor.record.renewalID == replaced.record.id {
                    predecessor.record.renewalID = nil
                    try unit.update(predecessor)
                }
            }
            replaced.record.status = .ended
            replaced.record.endedAt = now
            try unit.update(replaced)
            try unit.audit(replaced.record.id, "membership.ended", details: ["upgradedTo": membershipID.rawValue])
            ended = replaced.record
        }
        try unit.insert(membership)
        try unit.insert(purchase)
        try unit.audit(membershipID, "membership.\(term.kind.rawValue)", details: [
            "account": account.id.rawValue, "level": term.level.rawValue, "number": assignment.number.compact,
            "years": String(request.years), "fee": term.fee.description, "method": request.paymentMethod.rawValue,
            "terms": request.termsVersion ?? "",
        ])
        let notice = request.paymentMethod == .bankTransfer
            ? billing.bankTransferNotice(for: account.address.country, language: language) : nil
        return PurchaseReceipt(membership: membership, purchase: purchase, replaced: ended,
                               invoiceExpectedBy: purchase.issueBy, bankTransferNotice: notice)
    }
}
