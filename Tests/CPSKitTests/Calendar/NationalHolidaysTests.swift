@testable import CPSKit
import Testing

private func day(_ text: String) throws -> CalendarDay { try #require(CalendarDay(iso: text)) }

@Suite("National holidays (R-CAL-1)")
struct NationalHolidaysTests {
    private let holidays = NationalHolidays()

    @Test("The Gregorian computus gives Easter Sunday for known years, 1818 to 2285",
          arguments: [
              (1818, "1818-03-22"), (1900, "1900-04-15"), (1943, "1943-04-25"), (1954, "1954-04-18"),
              (2000, "2000-04-23"), (2008, "2008-03-23"), (2011, "2011-04-24"), (2019, "2019-04-21"),
              (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2038, "2038-04-25"),
              (2100, "2100-03-28"), (2285, "2285-03-22"),
          ])
    func computus(year: Int, expected: String) throws {
        #expect(Computus.easterSunday(year) == (try day(expected)))
    }

    @Test("Easter Monday, Ascension Day and Whit Monday follow Easter (DE 2026)",
          arguments: [("2026-04-03", true), ("2026-04-06", true), ("2026-05-14", true), ("2026-05-25", true),
                      ("2026-04-07", false), ("2026-05-15", false)])
    func easterRelative(date: String, isHoliday: Bool) throws {
        #expect(holidays.isHoliday(try day(date), in: "DE") == isHoliday)
    }

    @Test("England's substitute days: Christmas and Boxing Day on a weekend move to 27/28 December",
          arguments: [
              (2021, ["2021-12-25", "2021-12-26", "2021-12-27", "2021-12-28"]), // Sat/Sun → Mon/Tue
              (2022, ["2022-12-25", "2022-12-26", "2022-12-27"]), // Sun/Mon → Christmas on Tue
              (2026, ["2026-12-25", "2026-12-26", "2026-12-28"]), // Fri/Sat → Boxing Day on Mon
          ])
    func englishSubstituteDays(year: Int, expected: [String]) throws {
        let december = holidays.holidays(in: "GB", year: year).filter { $0.date.month == 12 }.map(\.date.description)
        #expect(december == expected)
        #expect(holidays.holidays(in: "GB", year: year).contains { $0.isSubstitute })
    }

    @Test("England's New Year's Day on a weekend is observed on the next Monday")
    func englishNewYear() throws {
        #expect(holidays.isHoliday(try day("2022-01-03"), in: "GB"))
        #expect(holidays.isHoliday(try day("2023-01-02"), in: "GB"))
        #expect(!holidays.isHoliday(try day("2024-01-02"), in: "GB"))
    }

    @Test("UK bank holidays are nth-weekday rules: first Monday of May, last Mondays of May and August")
    func ukBankHolidays() throws {
        let dates = Set(holidays.holidays(in: "GB", year: 2026).map(\.date.description))
        #expect(dates.isSuperset(of: ["2026-05-04", "2026-05-25", "2026-08-31"]))
    }

    @Test("Swedish National Day is a holiday from 2005, when Whit Monday stopped being one",
          arguments: [("2003-06-06", false), ("2005-06-06", true), ("2026-06-06", true),
                      ("2004-05-31", true), ("2005-05-16", false)])
    func swedishNationalDay(date: String, isHoliday: Bool) throws {
        #expect(holidays.isHoliday(try day(date), in: "SE") == isHoliday)
    }

    @Test("Swedish Midsummer Day and All Saints' Day are 'the Saturday between …' rules",
          arguments: [("2026-06-20", "2026-10-31"), ("2027-06-26", "2027-11-06"), ("2025-06-21", "2025-11-01")])
    func saturdayBetween(midsummer: String, allSaints: String) throws {
        #expect(holidays.isHoliday(try day(midsummer), in: "SE"))
        #expect(holidays.isHoliday(try day(allSaints), in: "SE"))
        // The peer has no Swedish Midsummer Eve; Finland's is a public holiday.
        let eve = try day(midsummer).adding(days: -1)
        #expect(!holidays.isHoliday(eve, in: "SE"))
        #expect(holidays.isHoliday(eve, in: "FI"))
    }

    @Test("Spain drops a national holiday that falls on a Sunday, as the peer does")
    func spainSunday() throws {
        #expect(!holidays.isHoliday(try day("2023-01-01"), in: "ES")) // a Sunday
        #expect(holidays.isHoliday(try day("2024-01-01"), in: "ES"))
    }

    @Test("The rules run at both ends of 1900–2100")
    func edges() throws {
        #expect(holidays.isHoliday(try day("1900-01-01"), in: "FR"))
        #expect(holidays.isHoliday(try day("1900-04-16"), in: "FR")) // Easter Monday 1900
        #expect(holidays.isHoliday(try day("2100-03-29"), in: "DE")) // Easter Monday 2100
        #expect(holidays.isHoliday(try day("2100-12-26"), in: "SE"))
        #expect(try holidays.checkedHolidays(in: "SE", year: 2100).count > 10)
        #expect(throws: CalendarError(.yearOutOfRange, year: 2101)) {
            try holidays.checkedHolidays(in: "SE", year: 2101)
        }
    }

    @Test("Every supported country has holidays every year 1900–2100, sorted, in that year")
    func everyCountryEveryYear() {
        #expect(holidays.supportedCountries.count == 20)
        for country in holidays.supportedCountries {
            for year in NationalHolidays.supportedYears {
                let list = holidays.holidays(in: country, year: year)
                #expect(!list.isEmpty, "\(country) \(year)")
                #expect(list.allSatisfy { $0.date.year == year })
                #expect(list.map(\.date) == list.map(\.date).sorted())
            }
        }
    }

    @Test("An unknown country has no holidays and a localized refusal")
    func unsupported() {
        #expect(holidays.holidays(in: "US", year: 2026).isEmpty)
        #expect(!holidays.supports("US"))
        do {
            _ = try holidays.checkedHolidays(in: "US", year: 2026)
            Issue.record("expected a refusal")
        } catch {
            #expect(error.code == "calendar.unsupportedCountry")
            #expect(error.message(in: .swedish).contains("US"))
        }
    }

    @Test("Names: English, national, and Swedish where natural",
          arguments: [
              ("DE", "2026-05-25", Language.english, "Pentecost Monday"),
              ("DE", "2026-05-25", Language("de"), "Pfingstmontag"),
              ("DE", "2026-05-25", Language.swedish, "Annandag pingst"),
              ("DE", "2026-10-03", Language.swedish, "Tag der Deutschen Einheit"),
              ("DE", "2026-10-03", Language("fr"), "Tag der Deutschen Einheit"),
              ("SE", "2026-06-06", Language.swedish, "Nationaldagen"),
              ("SE", "2026-06-06", Language.english, "National Day"),
          ])
    func names(country: String, date: String, language: Language, expected: String) throws {
        let target = try day(date)
        let holiday = try #require(holidays.holidays(in: CountryCode(stringLiteral: country), year: target.year)
            .first { $0.date == target })
        #expect(holiday.name.name(in: language) == expected)
    }
}
