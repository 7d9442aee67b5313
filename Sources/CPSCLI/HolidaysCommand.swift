import CPSKit

extension CommandSpec {
    /// `cps holidays COUNTRY YEAR`: lists a country's public holidays (R-CAL-1).
    static let holidays = CommandSpec(
        name: "holidays",
        summary: "list a country's public holidays in a year (R-CAL-1)",
        help: """
        Usage: cps holidays COUNTRY YEAR [--with SET,…] [--json] [--lang sv|en|…]

        Prints one line per holiday, in date order:  YYYY-MM-DD name
        The holidays are the national public holidays of python `holidays` 0.109 (GB = England).
        Names are in the --lang language: English by default, Swedish where natural, the national
        name for the country's own language and where no translation exists.
        --with adds opted-in customary-day sets, e.g. --with midsummerEve,christmasEve for SE.
        YEAR is 1900–2100.
        """,
        valuedOptions: ["--with"]
    ) { invocation in
        let arguments = invocation.arguments
        try arguments.expect(known: ["--json", "--with", "--lang"], maxPositionals: 2)
        let language = invocation.language
        let country = try CalendarArguments.country(try arguments.positional(0, "COUNTRY"), language)
        let yearText = try arguments.positional(1, "YEAR")
        guard let year = Int(yearText), NationalHolidays.supportedYears.contains(year) else {
            throw CommandError(invalidInput: CalendarError(.yearOutOfRange, year: Int(yearText) ?? 0))
        }
        let calendars = BusinessCalendars(policy: try CalendarArguments.policy(arguments, for: country, language))
        guard calendars.nationalHolidays.supports(country) else {
            let known = calendars.nationalHolidays.supportedCountries.map(\.code)
            throw CommandError(invalidInput: CalendarError(.unsupportedCountry, country: country.code, known: known))
        }
        let days = calendars.daysOff(in: country, year: year)
        if invocation.json {
            try invocation.printJSON(days.map { HolidayLine($0, language: language) })
        } else {
            for day in days { invocation.print("\(day.date) \(day.name.name(in: language))") }
        }
        return .success
    }
}

/// One holiday as `cps holidays --json` prints it.
struct HolidayLine: Encodable {
    let date: CalendarDay
    let name: String
    let english: String
    let national: String
    let nationalLanguage: String
    let swedish: String?
    let substitute: Bool

    init(_ holiday: Holiday, language: Language) {
        date = holiday.date
        name = holiday.name.name(in: language)
        english = holiday.name.english
        national = holiday.name.national
        nationalLanguage = holiday.name.nationalLanguage.code
        swedish = holiday.name.swedish
        substitute = holiday.isSubstitute
    }
}

/// Argument parsing shared by `cps holidays` and `cps workdays`; messages come from the calendar
/// part of the text catalog.
enum CalendarArguments {
    static func country(_ text: String, _ language: Language) throws -> CountryCode {
        guard let country = CountryCode(text) else {
            throw CommandError(invalidInput: CalendarError(.invalidCountry, input: text))
        }
        return country
    }

    static func date(_ text: String, _ language: Language) throws -> CalendarDay {
        guard let day = CalendarDay(iso: text) else {
            throw CommandError(invalidInput: CalendarError(.invalidDate, input: text))
        }
        return day
    }

    /// The largest number of working days `cps workdays` walks either way (R-VAL-2).
    static let countLimit = 100_000

    /// A whole number of working days within ±``countLimit``; a number beyond it (even beyond
    /// `Int`) is ``CalendarError/Reason/countOutOfRange``, anything else ``CalendarError/Reason/invalidCount``.
    static func count(_ text: String, _ language: Language) throws -> Int {
        let digits = text.hasPrefix("-") || text.hasPrefix("+") ? text.dropFirst() : Substring(text)
        let isInteger = !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        guard isInteger else { throw CommandError(invalidInput: CalendarError(.invalidCount, input: text)) }
        guard let count = Int(text), count.magnitude <= countLimit.magnitude else {
            throw CommandError(invalidInput: CalendarError(.countOutOfRange, input: text, known: [String(countLimit)]))
        }
        return count
    }

    /// The day `count` working days after `start` (R-VAL-2), or a usage error when it would fall
    /// outside the years 0001–9999.
    static func adding(_ count: Int, to start: CalendarDay, in calendar: any BusinessCalendar,
                       _ language: Language) throws -> CalendarDay {
        do {
            return try calendar.checkedAdding(workingDays: count, to: start, limit: countLimit)
        } catch {
            throw CommandError(invalidInput: error)
        }
    }

    /// The Canon Europe policy plus the `--with` sets for `country`.
    static func policy(_ arguments: Arguments, for country: CountryCode, _ language: Language) throws -> CalendarPolicy {
        guard let list = arguments.option("--with") else { return .canonEurope }
        let offered = CustomaryDaySet.available(for: country)
        var sets = Set<CustomaryDaySet>()
        for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            guard let set = offered.first(where: { $0.name == name }) else {
                throw CommandError(invalidInput: CalendarError(.unknownCustomarySet, country: country.code, input: name,
                                                 known: offered.map(\.name)))
            }
            sets.insert(set)
        }
        return CalendarPolicy(customaryDays: [country: sets])
    }
}
