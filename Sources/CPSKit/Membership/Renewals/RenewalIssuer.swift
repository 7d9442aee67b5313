import Foundation

/// What the renewals job and the undo of a cancellation share (internal; R-LIFE-1, R-LIFE-3,
/// R-LIFE-4, R-LIFE-6): whether a term renews, issuing the renewal term with its invoice due on the
/// expiry date, and the notice mail.
struct RenewalIssuer: Sendable {
    let context: CPSContext
    private var support: BillingSupport { BillingSupport(context: context) }

    /// The levels open to the account now, from its balance read through `unit` (R-LIFE-4).
    func eligibility(of accountID: BusinessAccount.ID, in unit: UnitOfWork) async throws -> LevelEligibility {
        let balance = try await unit.fetch(PointsBalance.self, id: accountID)?.record
        return LevelEligibility(points: balance?.points ?? 0, completeRegistrations: balance?.completeRegistrations ?? 0,
                                policy: context.policy.levels)
    }

    /// What happens at the end of `membership`'s term, decided now (R-LIFE-1, R-LIFE-3, R-LIFE-4, R-LIFE-6).
    func outcome(for membership: Membership, in unit: UnitOfWork) async throws -> RenewalOutcome {
        if membership.cancellation != nil { return .cancelled }
        // R-LIFE-4: never into a level that is not open from the points now.
        guard try await eligibility(of: membership.accountID, in: unit).availability(of: membership.level)?.isOpen == true else {
            return .levelClosed
        }
        if membership.paymentMethod == .card {
            if !context.policy.lifecycle.cardRenewsAutomatically { return .manual }
            // R-LIFE-6: no automatic charge under terms the superuser has not accepted.
            if let accepted = membership.termsVersion, accepted != context.policy.lifecycle.termsVersion { return .termsChanged }
        }
        return .renewing
    }

    /// Issues the renewal of `current` in `unit` (R-LIFE-1, R-MEM-1, R-MEM-2): a new term from the current
    /// expiry with a new number, its purchase (already invoiced) and its invoice due on the expiry date
    /// (the issue day when the run is on that day). Sets `current.renewalID`; the caller writes `current`.
    func issue(renewing current: inout Membership, external: [String],
               in unit: UnitOfWork) async throws -> (membership: Membership, invoice: Invoice) {
        guard let account = try await unit.fetch(BusinessAccount.self, id: current.accountID)?.record else {
            throw StorageError(.corrupt, kind: Membership.kind, subject: current.id.rawValue, detail: "the membership's account is missing")
        }
        let billing = support.billing
        let tz = context.policy.timeZone
        let term = try MembershipTerm.renewalFromExpiry(of: current.term, years: current.years, levels: context.policy.levels,
                                                        billing: billing)
        let existing = try await unit.fetchAll(Membership.self, indexKey: Membership.byAccount(account.id)).map(\.record)
        let assignment = try await unit.assignMembershipNumber(existing: existing, external: external)
        let membershipID: Membership.ID = context.ids.next("membership")
        let purchaseID: MembershipPurchase.ID = context.ids.next("purchase")
        var purchase = MembershipPurchase(id: purchaseID, accountID: account.id, membershipID: membershipID, term: term,
                                          years: current.years, paymentMethod: current.paymentMethod,
                                          purchasedBy: unit.principal, purchasedAt: unit.now, issueBy: unit.now)
        purchase.termsVersion = current.termsVersion
        purchase.termsAcceptedBy = current.termsAcceptedBy
        purchase.termsAcceptedAt = current.termsAcceptedAt
        var membership = Membership(id: membershipID, accountID: account.id, number: assignment.number, term: term,
                                    years: current.years, paymentMethod: current.paymentMethod, purchaseID: purchaseID,
                                    previousNumbers: assignment.previousNumbers, createdAt: unit.now)
        membership.renewalOf = current.id
        membership.termsVersion = current.termsVersion
        membership.termsAcceptedBy = current.termsAcceptedBy
        membership.termsAcceptedAt = current.termsAcceptedAt
        // R-LIFE-1: due on the expiry date, the one exception to R-BIL-2's 30 days.
        let today = unit.today
        let expiry = current.term.expiryDay(in: tz)
        let due = InvoiceDueDate(issueDay: today, dueDays: max(0, today.days(until: expiry)), timeZone: tz)
        let invoice = try await InvoicingService(context).makeInvoice(for: purchase, account: account, due: due, in: unit)
        purchase.invoiceID = invoice.id
        membership.invoiceID = invoice.id
        try unit.insert(membership)
        try unit.insert(purchase)
        current.renewalID = membershipID
        try unit.audit(membershipID, "membership.renewal", details: [
            "account": account.id.rawValue, "renews": current.id.rawValue, "level": term.level.rawValue,
            "number": assignment.number.compact, "fee": term.fee.description, "method": current.paymentMethod.rawValue,
            "invoice": invoice.number,
        ])
        return (membership, invoice)
    }

    /// Queues the renewal notice of `membership` to the account's superusers, each in their language:
    /// the expiry date, what happens (`outcome`), the renewal invoice if any, and the levels open now
    /// with their prices (R-LIFE-1, R-LIFE-4, R-LIFE-6).
    func mailNotice(_ membership: Membership, outcome: RenewalOutcome, invoice: Invoice?, in unit: UnitOfWork) async throws {
        let catalog = context.catalog
        let days = DayFormatter(catalog: catalog)
        let tz = context.policy.timeZone
        let expiry = membership.term.expiryDay(in: tz)
        let levels = try await eligibility(of: membership.accountID, in: unit)
        let company = try await unit.fetch(BusinessAccount.self, id: membership.accountID)?.record.companyName ?? ""
        let available = levels.individual + levels.business
        try await unit.mailAccount(membership.accountID, "renewalNotice") { user in
            let language = user.language
            let levelName = catalog.render(membership.level.textKey, in: language)
            let open = available.filter(\.isOpen).map { availability in
                catalog.render("lifecycle.renewal.levelPrice", [
                    "level": catalog.render(availability.level.textKey, in: language),
                    "fee": availability.yearlyFee.formatted(in: language),
                ], in: language)
            }
            var facts = ["level": levelName, "expiryDate": days.long(expiry, in: language),
                         "termsVersion": context.policy.lifecycle.termsVersion]
            if let invoice {
                facts["invoiceNumber"] = invoice.number
                facts["amount"] = invoice.total.formatted(in: language)
                facts["reference"] = invoice.creditorReference.printed
            }
            if outcome == .levelClosed {
                let shortfalls = levels.availability(of: membership.level)?.shortfalls ?? []
                facts["missing"] = MembershipError(.levelNotOpen, level: membership.level, shortfalls: shortfalls)
                    .message(in: language, catalog: catalog)
            }
            let key = outcome == .renewing ? "lifecycle.renewal.renewing.\(membership.paymentMethod.rawValue)"
                : "lifecycle.renewal.\(outcome.rawValue)"
            return [
                "company": company, "level": levelName, "membershipNumber": membership.number.printed,
                "expiryDate": days.long(expiry, in: language),
                "outcome": catalog.render(TextKey(key), facts, in: language),
                "openLevels": open.isEmpty ? catalog.render("lifecycle.renewal.noOpenLevels", in: language)
                    : open.joined(separator: ", "),
            ]
        }
    }
}
