import Foundation

/// One term of a CPS membership: the level, when it starts and ends, and its fee (R-MEM-1).
///
/// Pure calculators for the three ways a term begins:
///
/// - ``purchase(level:years:at:levels:billing:)``: starts at the purchase instant, before payment
///   ("you can start using it at once"), and ends one term (12 months, policy) later.
/// - ``renewal(of:years:at:levels:billing:)``: an early renewal starts at the current expiry
///   ([public], policy); a renewal after expiry starts at the renewal.
/// - ``upgrade(from:to:years:at:levels:billing:)``: allowed at any time; costs the new level's full
///   fee with no credit for unused time ([public], policy); by default a new term starts at the upgrade.
///
/// The term's end is the same clock time `termMonths` months later in the policy's time zone
/// (29 February becomes 28 February). The instant ``end`` belongs to the next term: a term is active
/// for `start <= t < end`.
public struct MembershipTerm: Hashable, Codable, Sendable {
    /// How the term began.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A first purchase (or a purchase after a lapse).
        case purchase
        /// A renewal of the same level.
        case renewal
        /// A change to another level during a term.
        case upgrade
    }

    /// The level.
    public let level: CPSLevel
    /// How the term began.
    public let kind: Kind
    /// The first instant of the term.
    public let start: Date
    /// The first instant after the term.
    public let end: Date
    /// What the term costs (before VAT).
    public let fee: Money
    /// The credit given for the unused part of the previous term (zero by the default policy).
    public let credit: Money

    /// Creates a term; the static calculators are the usual way.
    public init(level: CPSLevel, kind: Kind, start: Date, end: Date, fee: Money, credit: Money) {
        self.level = level
        self.kind = kind
        self.start = start
        self.end = end
        self.fee = fee
        self.credit = credit
    }

    /// Whether the membership is active at `instant` (`start <= instant < end`) (R-MEM-1).
    public func isActive(at instant: Date) -> Bool { start <= instant && instant < end }

    /// The expiry date: the calendar day of ``end`` in `timeZone` (R-LIFE-1, R-LIFE-2). A renewal
    /// invoice is due on this day, and a card renewal is charged on it.
    public func expiryDay(in timeZone: TimeZone) -> CalendarDay { CalendarDay(end, in: timeZone) }

    /// The day the renewal notice is due: the expiry date − `noticeDays` calendar days in `timeZone`
    /// (R-LIFE-1). The renewals job acts on its first run on or after this day.
    public func renewalNoticeDay(noticeDays: Int, in timeZone: TimeZone) -> CalendarDay {
        expiryDay(in: timeZone).adding(days: -min(max(noticeDays, 0), 3_650))
    }

    // MARK: - Calculators

    /// The renewal of `current` that runs from its expiry, whatever the instant (R-LIFE-1, R-MEM-1):
    /// the same level, `years` terms from `current.end`, at the level's fee.
    public static func renewalFromExpiry(of current: MembershipTerm, years: Int = 1, levels: LevelPolicy,
                                         billing: BillingPolicy) throws(MembershipError) -> MembershipTerm {
        let fee = try fee(of: current.level, years: years, levels: levels)
        return MembershipTerm(level: current.level, kind: .renewal, start: current.end,
                              end: end(from: current.end, years: years, billing: billing),
                              fee: fee, credit: .zero(fee.currency))
    }

    /// A purchase of `level` at `instant`: starts at once, ends `years` terms later (R-MEM-1).
    public static func purchase(level: CPSLevel, years: Int = 1, at instant: Date, levels: LevelPolicy,
                                billing: BillingPolicy) throws(MembershipError) -> MembershipTerm {
        let fee = try fee(of: level, years: years, levels: levels)
        return MembershipTerm(level: level, kind: .purchase, start: instant,
                              end: end(from: instant, years: years, billing: billing),
                              fee: fee, credit: .zero(fee.currency))
    }

    /// A renewal of `current`'s level at `instant` (R-MEM-1): before expiry it starts at the current
    /// expiry (when the policy says so), otherwise at `instant`.
    public static func renewal(of current: MembershipTerm, years: Int = 1, at instant: Date, levels: LevelPolicy,
                               billing: BillingPolicy) throws(MembershipError) -> MembershipTerm {
        let fee = try fee(of: current.level, years: years, levels: levels)
        let start = billing.earlyRenewalFromCurrentExpiry && instant < current.end ? current.end : instant
        return MembershipTerm(level: current.level, kind: .renewal, start: start,
                              end: end(from: start, years: years, billing: billing),
                              fee: fee, credit: .zero(fee.currency))
    }

    /// An upgrade from `current` to `level` at `instant` (R-MEM-1).
    ///
    /// The fee is the new level's full fee; when the policy credits unused time (not the default) the
    /// unused share of `current.fee`, by whole days, is subtracted. The new term starts at `instant`
    /// and runs a full term (policy `upgradeStartsNewTerm`), or keeps `current`'s expiry.
    ///
    /// - Throws: ``MembershipError/Reason/invalidTermChange`` when `level` is `current`'s level or
    ///   `current` has already ended.
    public static func upgrade(from current: MembershipTerm, to level: CPSLevel, years: Int = 1, at instant: Date,
                               levels: LevelPolicy, billing: BillingPolicy) throws(MembershipError) -> MembershipTerm {
        guard level != current.level, instant < current.end else {
            throw MembershipError(.invalidTermChange, level: level, facts: ["from": current.level.rawValue])
        }
        let fullFee = try fee(of: level, years: years, levels: levels)
        var credit = Money.zero(fullFee.currency)
        if billing.upgradeCreditsUnusedTime, current.fee.currency == fullFee.currency {
            let zone = billing.timeZone
            let total = CalendarDay(current.start, in: zone).days(until: CalendarDay(current.end, in: zone))
            let unused = CalendarDay(max(instant, current.start), in: zone).days(until: CalendarDay(current.end, in: zone))
            if total > 0, unused > 0 {
                let share = current.fee.multiplied(by: Decimal(unused) / Decimal(total))
                credit = share.amount < fullFee.amount ? share : fullFee
            }
        }
        let fee = Money(fullFee.amount - credit.amount, fullFee.currency)
        let end = billing.upgradeStartsNewTerm ? end(from: instant, years: years, billing: billing) : current.end
        return MembershipTerm(level: level, kind: .upgrade, start: instant, end: end, fee: fee, credit: credit)
    }

    // MARK: - Helpers

    private static func fee(of level: CPSLevel, years: Int, levels: LevelPolicy) throws(MembershipError) -> Money {
        guard years >= 1, let fee = levels.fee(for: level, years: years) else {
            throw MembershipError(.levelNotOffered, level: level,
                                  facts: ["code": level.rawValue, "years": String(years)])
        }
        return fee
    }

    /// `years` terms of the policy's length after `start`, in the policy's time zone.
    static func end(from start: Date, years: Int, billing: BillingPolicy) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = billing.timeZone
        // Clamped so that policy data cannot overflow: at most 100 years.
        let months = min(max(billing.termMonths, 1), 1_200) * min(max(years, 1), 100)
        return calendar.date(byAdding: .month, value: months, to: start)
            ?? start.addingTimeInterval(TimeInterval(months) * 30 * 86_400)
    }
}
