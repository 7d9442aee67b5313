/// One holiday rule of a national calendar (R-CAL-1): how to find its date in a year, in which
/// years it applies, what it is called, and whether a weekend date moves, is observed on another
/// day, or is dropped.
///
/// Rules are data: ``NationalHolidayRules`` lists them per country, and the small engine in
/// ``holidays(in:)`` turns a rule and a year into days. There are no year-by-year tables, except for
/// one-off days proclaimed once (a jubilee, a state funeral, a decreed bridge day).
public struct HolidayRule: Sendable, Hashable {
    /// How a rule's date is found in a given year (R-CAL-1).
    public enum DateRule: Sendable, Hashable {
        /// The same month and day every year, e.g. 25 December.
        case fixed(month: Int, day: Int)
        /// A number of days after (before, when negative) Western Easter Sunday, e.g. +1 for
        /// Easter Monday, +39 for Ascension Day, +50 for Whit Monday.
        case easter(offset: Int)
        /// The `n`th `weekday` (ISO: 1 = Monday … 7 = Sunday) of `month`; `n == -1` is the last one,
        /// e.g. the first Monday of May or the last Monday of August (UK bank holidays).
        case nthWeekday(n: Int, weekday: Int, month: Int)
        /// The first `weekday` on or after `month`/`day`, e.g. "the Saturday between 20 and 26 June"
        /// (Swedish Midsummer Day) is the first Saturday on or after 20 June.
        case weekdayOnOrAfter(weekday: Int, month: Int, day: Int)
        /// The last `weekday` on or before `month`/`day`, e.g. German Repentance Day, the last
        /// Wednesday on or before 22 November.
        case weekdayOnOrBefore(weekday: Int, month: Int, day: Int)
        /// `month`/`day` when it falls on `weekday`, otherwise the first `otherwise` weekday on or
        /// after it (Irish Saint Brigid's Day: 1 February if a Friday, else the next Monday).
        case fixedOnWeekdayElseNext(month: Int, day: Int, weekday: Int, otherwise: Int)
        /// Swedish Annunciation Day before 1990: the Sunday between 22 and 28 March, or the Sunday
        /// two weeks before Easter when that Sunday is Palm Sunday or Easter Day.
        case swedishAnnunciation
    }

    /// What happens when a holiday falls on a given weekday (the peer's "observed" rules) (R-CAL-1).
    public enum WeekendHandling: Sendable, Hashable {
        /// Nothing: the holiday stays where it is.
        case none
        /// A substitute day is added (the original stays), `shift[weekday]` days later, e.g.
        /// England's "Christmas Day (observed)" on the Tuesday when 25 December is a Sunday.
        case substitute(shift: [Int: Int])
        /// The holiday itself moves by `shift[weekday]` days (Dutch King's Day on a Sunday is kept
        /// on the Saturday before).
        case move(shift: [Int: Int])
        /// The holiday is not a day off when it falls on one of `weekdays` (Spain: a national
        /// holiday on a Sunday is left to the regions).
        case drop(weekdays: Set<Int>)
    }

    /// The date rule (R-CAL-1).
    public let date: DateRule
    /// The holiday's names (R-CAL-1).
    public let name: HolidayName
    /// The first year the rule applies (inclusive), if bounded (R-CAL-1).
    public let from: Int?
    /// The last year the rule applies (inclusive), if bounded (R-CAL-1).
    public let through: Int?
    /// Years inside the bounds in which the rule does not apply (R-CAL-1).
    public let except: Set<Int>
    /// When set, the rule applies only in years divisible by this number (Dutch Liberation Day) (R-CAL-1).
    public let every: Int?
    /// Weekend handling (R-CAL-1).
    public let weekend: WeekendHandling

    /// Creates a rule (R-CAL-1).
    public init(_ date: DateRule, _ name: HolidayName, from: Int? = nil, through: Int? = nil,
                except: Set<Int> = [], every: Int? = nil, weekend: WeekendHandling = .none) {
        self.date = date
        self.name = name
        self.from = from
        self.through = through
        self.except = except
        self.every = every
        self.weekend = weekend
    }

    /// Whether the rule applies in `year` (R-CAL-1).
    public func applies(in year: Int) -> Bool {
        if let from, year < from { return false }
        if let through, year > through { return false }
        if except.contains(year) { return false }
        if let every, year % every != 0 { return false }
        return true
    }

    /// The rule's base date in `year`, before weekend handling; `nil` when the rule does not apply (R-CAL-1)
    /// or the date does not exist.
    public func baseDate(in year: Int) -> CalendarDay? {
        guard applies(in: year) else { return nil }
        switch date {
        case let .fixed(month, day):
            return CalendarDay(year: year, month: month, day: day)
        case let .easter(offset):
            return Computus.easterSunday(year).adding(days: offset)
        case let .nthWeekday(n, weekday, month):
            return Self.nthWeekday(n, weekday, month: month, year: year)
        case let .weekdayOnOrAfter(weekday, month, day):
            guard let start = CalendarDay(year: year, month: month, day: day) else { return nil }
            return start.adding(days: (weekday - start.isoWeekday + 7) % 7)
        case let .weekdayOnOrBefore(weekday, month, day):
            guard let start = CalendarDay(year: year, month: month, day: day) else { return nil }
            return start.adding(days: -((start.isoWeekday - weekday + 7) % 7))
        case let .fixedOnWeekdayElseNext(month, day, weekday, otherwise):
            guard let start = CalendarDay(year: year, month: month, day: day) else { return nil }
            if start.isoWeekday == weekday { return start }
            return start.adding(days: (otherwise - start.isoWeekday + 7) % 7)
        case .swedishAnnunciation:
            guard let march22 = CalendarDay(year: year, month: 3, day: 22) else { return nil }
            let sunday = march22.adding(days: (7 - march22.isoWeekday) % 7)
            let easter = Computus.easterSunday(year)
            return sunday == easter || sunday == easter.adding(days: -7) ? easter.adding(days: -14) : sunday
        }
    }

    /// The holidays this rule gives in `year`: none, the day itself, the day and a substitute day,
    /// or the moved day (R-CAL-1).
    public func holidays(in year: Int) -> [Holiday] {
        guard let day = baseDate(in: year) else { return [] }
        switch weekend {
        case .none:
            return [Holiday(date: day, name: name)]
        case let .substitute(shift):
            guard let days = shift[day.isoWeekday], days != 0 else { return [Holiday(date: day, name: name)] }
            return [Holiday(date: day, name: name),
                    Holiday(date: day.adding(days: days), name: name.observed, isSubstitute: true)]
        case let .move(shift):
            return [Holiday(date: day.adding(days: shift[day.isoWeekday] ?? 0), name: name)]
        case let .drop(weekdays):
            return weekdays.contains(day.isoWeekday) ? [] : [Holiday(date: day, name: name)]
        }
    }

    static func nthWeekday(_ n: Int, _ weekday: Int, month: Int, year: Int) -> CalendarDay? {
        if n > 0 {
            guard let first = CalendarDay(year: year, month: month, day: 1) else { return nil }
            return first.adding(days: (weekday - first.isoWeekday + 7) % 7 + 7 * (n - 1))
        }
        guard let last = CalendarDay(year: year, month: month, day: CalendarDay.daysIn(month: month, year: year))
        else { return nil }
        return last.adding(days: -((last.isoWeekday - weekday + 7) % 7) - 7 * (-n - 1))
    }
}

/// The ISO weekday numbers used by the rule tables (R-CAL-1).
public enum Weekday {
    /// Monday = 1 (R-CAL-1).
    public static let monday = 1
    /// Tuesday = 2 (R-CAL-1).
    public static let tuesday = 2
    /// Wednesday = 3 (R-CAL-1).
    public static let wednesday = 3
    /// Thursday = 4 (R-CAL-1).
    public static let thursday = 4
    /// Friday = 5 (R-CAL-1).
    public static let friday = 5
    /// Saturday = 6 (R-CAL-1).
    public static let saturday = 6
    /// Sunday = 7 (R-CAL-1).
    public static let sunday = 7
}
