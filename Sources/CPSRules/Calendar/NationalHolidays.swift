/// The national public holidays of the participating countries (R-CAL-1): exactly python
/// `holidays` 0.109's default (public) category, national level, England for GB.
///
/// ```swift
/// let holidays = NationalHolidays()
/// holidays.holidays(in: "SE", year: 2026).map(\.date) // 2026-01-01, 2026-01-06, 2026-04-03, …
/// holidays.isHoliday(CalendarDay(year: 2026, month: 6, day: 6)!, in: "SE") // true
/// ```
///
/// Years are computed once and cached per country behind a lock, so look-ups from many tasks are
/// safe and cheap. The rules are validated for ``supportedYears``; outside them the same rules are
/// applied as written.
public struct NationalHolidays: Sendable {
    /// The years the rules are checked for (R-CAL-1): 1900–2100.
    public static let supportedYears: ClosedRange<Int> = 1900...2100

    private let caches: [String: YearCache<YearHolidays>]

    /// One year's holidays of one country, with a day index for fast membership tests.
    struct YearHolidays: Sendable {
        let holidays: [Holiday]
        let days: Set<Int>
    }

    /// Creates the holiday source over the built-in rules (``NationalHolidayRules``) (R-CAL-1).
    public init() {
        var caches: [String: YearCache<YearHolidays>] = [:]
        for (code, rules) in NationalHolidayRules.table {
            caches[code] = YearCache { year in
                let holidays = NationalHolidays.evaluate(rules, year: year)
                return YearHolidays(holidays: holidays, days: Set(holidays.map(\.date.daysSinceEpoch)))
            }
        }
        self.caches = caches
    }

    /// The countries with built-in rules (R-CAL-1).
    public var supportedCountries: [CountryCode] { NationalHolidayRules.supportedCountries }

    /// Whether CPSKit has holiday rules for `country` (R-CAL-1).
    public func supports(_ country: CountryCode) -> Bool { caches[country.code] != nil }

    /// The holidays of `country` in `year`, sorted by date (several may share a date, e.g. Czech
    /// New Year's Day and Restoration Day); empty for a country without rules (R-CAL-1).
    public func holidays(in country: CountryCode, year: Int) -> [Holiday] {
        caches[country.code]?.value(for: year).holidays ?? []
    }

    /// The holidays of `country` in `year`, or a ``CalendarError`` when the country has no rules or
    /// the year is outside ``supportedYears`` (R-CAL-1).
    public func checkedHolidays(in country: CountryCode, year: Int) throws(CalendarError) -> [Holiday] {
        guard supports(country) else { throw CalendarError(.unsupportedCountry, country: country.code,
                                                       known: supportedCountries.map(\.code)) }
        guard Self.supportedYears.contains(year) else { throw CalendarError(.yearOutOfRange, year: year) }
        return holidays(in: country, year: year)
    }

    /// Whether `day` is a public holiday in `country` (R-CAL-1).
    public func isHoliday(_ day: CalendarDay, in country: CountryCode) -> Bool {
        caches[country.code]?.value(for: day.year).days.contains(day.daysSinceEpoch) ?? false
    }

    /// Applies `rules` to `year`, sorted by date then by rule order.
    static func evaluate(_ rules: [HolidayRule], year: Int) -> [Holiday] {
        let found = rules.flatMap { $0.holidays(in: year) }.filter { $0.date.year == year }
        return found.enumerated().sorted { lhs, rhs in
            lhs.element.date != rhs.element.date ? lhs.element.date < rhs.element.date : lhs.offset < rhs.offset
        }.map(\.element)
    }
}
