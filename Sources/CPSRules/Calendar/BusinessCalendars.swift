/// The business calendars of every country under one ``CalendarPolicy`` (R-CAL-1, R-VAL-2): the
/// value the SLA code asks for a country's calendar.
///
/// ```swift
/// let calendars = BusinessCalendars(policy: .canonEurope)
/// let sweden = calendars.calendar(for: "SE")
/// let friday = CalendarDay(year: 2026, month: 6, day: 5)!
/// sweden.adding(workingDays: 2, to: friday) // 2026-06-09: Saturday 6 June is National Day anyway
/// ```
///
/// A country with rules gets a ``NationalBusinessCalendar`` (weekends + the peer's public holidays +
/// the opted-in customary sets + closing days); any other country gets ``WeekendCalendar``
/// (R-VAL-2: "weekends only where no holiday rules exist") — plus closing days, when the policy has
/// some for it.
public struct BusinessCalendars: Sendable {
    /// The policy the calendars follow (R-CAL-1).
    public let policy: CalendarPolicy
    /// The national holidays (the peer's default) the calendars build on (R-CAL-1).
    public let nationalHolidays: NationalHolidays
    private let calendars: [String: NationalBusinessCalendar]

    /// Builds the calendars of every supported country under `policy` (cheap: years are computed (R-CAL-1)
    /// on first use and cached).
    public init(policy: CalendarPolicy = .canonEurope) {
        self.policy = policy
        let holidays = NationalHolidays()
        self.nationalHolidays = holidays
        var calendars: [String: NationalBusinessCalendar] = [:]
        for country in NationalHolidayRules.supportedCountries {
            calendars[country.code] = NationalBusinessCalendar(country: country, policy: policy, holidays: holidays)
        }
        self.calendars = calendars
    }

    /// The calendar of `country` (R-CAL-1): national rules where CPSKit has them, else weekends
    /// only (with the policy's closing days for that country).
    public func calendar(for country: CountryCode) -> any BusinessCalendar {
        if let calendar = calendars[country.code] { return calendar }
        let closing = policy.closingDays.filter { $0.applies(to: country) }
        if closing.isEmpty { return WeekendCalendar() }
        return NationalBusinessCalendar(country: country, policy: policy, holidays: nationalHolidays)
    }

    /// Every day off other than weekends in `country` and `year` under the policy: public holidays,
    /// opted-in customary days and closing days, sorted by date (R-CAL-1).
    public func daysOff(in country: CountryCode, year: Int) -> [Holiday] {
        (calendars[country.code] ?? NationalBusinessCalendar(country: country, policy: policy,
                                                             holidays: nationalHolidays)).daysOff(in: year)
    }
}

/// One country's business calendar (R-CAL-1, R-VAL-2): a day is a working day when it is not a
/// Saturday or Sunday, not a public holiday of the country (the peer's default), not in an
/// opted-in customary set, and not a company closing day there.
///
/// ``isWorkingDay(_:)`` is a weekday test and one set look-up: each year's days off are computed
/// once, on first use, and cached behind a lock.
public struct NationalBusinessCalendar: BusinessCalendar {
    /// The country (R-CAL-1).
    public let country: CountryCode
    private let cache: YearCache<NationalBusinessCalendar.Year>

    struct Year: Sendable {
        let daysOff: [Holiday]
        let index: Set<Int>
    }

    /// Creates the calendar of `country` under `policy` (R-CAL-1).
    public init(country: CountryCode, policy: CalendarPolicy = .canonEurope,
                holidays: NationalHolidays = NationalHolidays()) {
        self.country = country
        let extraRules = (policy.customaryDays[country] ?? []).sorted().flatMap { $0.rules(for: country) }
        let closing = policy.closingDays.filter { $0.applies(to: country) }
        let closingName = TextCatalog.standard
        self.cache = YearCache { year in
            var days = holidays.holidays(in: country, year: year)
            days += NationalHolidays.evaluate(extraRules, year: year)
            for day in closing where day.date.year == year {
                let english = day.reason ?? closingName.render("calendar.closingDay", [:], in: .english)
                let swedish = day.reason ?? closingName.render("calendar.closingDay", [:], in: .swedish)
                days.append(Holiday(date: day.date, name: HolidayName(
                    english: english, national: english, language: .english, swedish: swedish)))
            }
            let sorted = days.enumerated().sorted { lhs, rhs in
                lhs.element.date != rhs.element.date ? lhs.element.date < rhs.element.date : lhs.offset < rhs.offset
            }.map(\.element)
            return Year(daysOff: sorted, index: Set(sorted.map(\.date.daysSinceEpoch)))
        }
    }

    /// Not a weekend day, holiday, opted-in customary day or closing day (R-CAL-1).
    public func isWorkingDay(_ day: CalendarDay) -> Bool {
        !day.isWeekend && !cache.value(for: day.year).index.contains(day.daysSinceEpoch)
    }

    /// The days off other than weekends in `year`, sorted by date (R-CAL-1).
    public func daysOff(in year: Int) -> [Holiday] { cache.value(for: year).daysOff }
}
