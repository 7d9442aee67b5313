@testable import CPSKit
import Foundation
import Testing

private func day(_ text: String) throws -> CalendarDay { try #require(CalendarDay(iso: text)) }

@Suite("Business calendars and working-day arithmetic (R-CAL-1, R-VAL-2)")
struct BusinessCalendarsTests {
    private let calendars = BusinessCalendars()

    @Test("R-VAL-2 arithmetic: the start day is never counted; a non-working start counts from the next day",
          arguments: [
              ("SE", "2026-11-27", 2, "2026-12-01"), // Friday + 2 = Tuesday
              ("SE", "2026-11-28", 1, "2026-11-30"), // Saturday + 1 = Monday
              ("SE", "2026-11-28", 0, "2026-11-28"), // + 0 is the start itself
              ("SE", "2026-11-29", 2, "2026-12-01"), // Sunday + 2 = Tuesday
              ("DE", "2026-04-30", 1, "2026-05-04"), // Labour Day on the Friday before a weekend
              ("DE", "2026-04-02", 1, "2026-04-07"), // Maundy Thursday + 1 skips Good Friday … Easter Monday
              ("DE", "2026-04-03", 1, "2026-04-07"), // a start on a holiday counts from the next day
              ("GB", "2021-12-24", 1, "2021-12-29"), // England's substitute days 27 and 28 December
              ("SE", "2026-06-05", 2, "2026-06-09"), // National Day on a Saturday changes nothing
              ("SE", "2026-12-01", -2, "2026-11-27"), // backwards symmetrically
              ("US", "2026-11-27", 2, "2026-12-01"), // no rules: weekends only
              ("FR", "1899-12-29", 1, "1900-01-02"), // 1900 edge: New Year's Day 1900 was a Monday
              ("DE", "2100-12-31", 1, "2101-01-03"), // 2100 edge: into 2101 over a weekend
          ])
    func addingWorkingDays(country: String, start: String, count: Int, expected: String) throws {
        let calendar = calendars.calendar(for: CountryCode(stringLiteral: country))
        #expect(calendar.adding(workingDays: count, to: try day(start)) == (try day(expected)))
    }

    @Test("Friday + 2 working days is Tuesday in the weekends-only calendar too")
    func weekendCalendar() throws {
        #expect(WeekendCalendar().adding(workingDays: 2, to: try day("2026-11-27")) == (try day("2026-12-01")))
        #expect(calendars.calendar(for: "US") is WeekendCalendar)
        #expect(calendars.calendar(for: "SE") is NationalBusinessCalendar)
    }

    @Test("Counting working days between two dates excludes the start and includes the end")
    func countingBetween() throws {
        let sweden = calendars.calendar(for: "SE")
        #expect(sweden.workingDays(after: try day("2026-12-23"), through: try day("2026-12-31")) == 5) // 24, 28–31 Dec
        #expect(sweden.nextWorkingDay(onOrAfter: try day("2026-12-25")) == (try day("2026-12-28")))
    }

    @Test("Canon Europe's default opts into nothing: Swedish Midsummer Eve is a working day")
    func defaultPolicy() throws {
        #expect(CalendarPolicy.canonEurope == CalendarPolicy())
        #expect(calendars.calendar(for: "SE").isWorkingDay(try day("2026-06-19")))
        #expect(calendars.calendar(for: "SE").isWorkingDay(try day("2026-12-24")))
    }

    @Test("Opted-in customary sets add their days for that country only")
    func customarySets() throws {
        let policy = CalendarPolicy(customaryDays: ["SE": [.midsummerEve, .christmasEve, .newYearsEve]])
        let calendars = BusinessCalendars(policy: policy)
        let sweden = calendars.calendar(for: "SE")
        for date in ["2026-06-19", "2026-12-24", "2026-12-31"] {
            #expect(!sweden.isWorkingDay(try day(date)), "\(date)")
        }
        #expect(calendars.calendar(for: "NO").isWorkingDay(try day("2026-06-19")))
        #expect(sweden.adding(workingDays: 1, to: try day("2026-06-18")) == (try day("2026-06-22")))
        let names = calendars.daysOff(in: "SE", year: 2026).map { $0.name.name(in: .swedish) }
        #expect(names.contains("Midsommarafton"))
        #expect(CustomaryDaySet.available(for: "SE").contains(.midsummerEve))
        #expect(!CustomaryDaySet.available(for: "FI").contains(.christmasEve)) // already a public holiday
    }

    @Test("A Swedish company closed on the Thursday before Ascension Day, and a German one before Easter")
    func closingDays() throws {
        let policy = CalendarPolicy(closingDays: [
            ClosingDay(try day("2026-05-07"), countries: ["SE"], reason: "Kick-off"),
            ClosingDay(try day("2026-04-02"), countries: ["DE"]),
        ])
        let calendars = BusinessCalendars(policy: policy)
        let sweden = calendars.calendar(for: "SE"), germany = calendars.calendar(for: "DE")
        #expect(!sweden.isWorkingDay(try day("2026-05-07")))
        #expect(germany.isWorkingDay(try day("2026-05-07")))
        #expect(sweden.adding(workingDays: 1, to: try day("2026-05-06")) == (try day("2026-05-08")))
        // Thursday 2 April closed, Good Friday, the weekend and Easter Monday: Wednesday + 1 = Tuesday.
        #expect(germany.adding(workingDays: 1, to: try day("2026-04-01")) == (try day("2026-04-07")))
        #expect(BusinessCalendars().calendar(for: "DE").adding(workingDays: 1, to: try day("2026-04-01"))
                == (try day("2026-04-02")))
        let germanDays = calendars.daysOff(in: "DE", year: 2026)
        #expect(germanDays.first { $0.date == (try? day("2026-04-02")) }?.name.name(in: .swedish)
                == "Företagets stängningsdag")
    }

    @Test("A closing day for everywhere also applies to a country without rules")
    func closingEverywhere() throws {
        let calendars = BusinessCalendars(policy: CalendarPolicy(closingDays: [ClosingDay(try day("2026-12-28"))]))
        #expect(!calendars.calendar(for: "US").isWorkingDay(try day("2026-12-28")))
        #expect(!calendars.calendar(for: "SE").isWorkingDay(try day("2026-12-28")))
    }

    @Test("The policy round-trips through JSON and refuses unknown set names clearly")
    func policyCodable() throws {
        let json = """
        {"customaryDays": {"SE": ["midsummerEve", "newYearsEve"]},
         "closingDays": [{"date": "2026-12-28", "countries": ["SE"], "reason": "Jul"}]}
        """
        let policy = try JSONDecoder().decode(CalendarPolicy.self, from: Data(json.utf8))
        #expect(policy.customaryDays["SE"] == [.midsummerEve, .newYearsEve])
        #expect(policy.closingDays.count == 1)
        let again = try JSONDecoder().decode(CalendarPolicy.self, from: JSONEncoder().encode(policy))
        #expect(again == policy)
        #expect(try JSONDecoder().decode(CalendarPolicy.self, from: Data("{}".utf8)) == .canonEurope)

        for bad in [#"{"customaryDays": {"SE": ["midsommar"]}}"#, #"{"customaryDays": {"FI": ["christmasEve"]}}"#,
                    #"{"customaryDays": {"S1": ["christmasEve"]}}"#] {
            do {
                _ = try JSONDecoder().decode(CalendarPolicy.self, from: Data(bad.utf8))
                Issue.record("accepted \(bad)")
            } catch let DecodingError.dataCorrupted(context) {
                #expect(context.debugDescription.contains("\""), "\(context.debugDescription)")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        do {
            _ = try JSONDecoder().decode([CustomaryDaySet].self, from: Data(#"["nope"]"#.utf8))
            Issue.record("accepted an unknown set")
        } catch let DecodingError.dataCorrupted(context) {
            #expect(context.debugDescription.contains("midsummerEve"))
        }
    }

    @Test("isWorkingDay is safe and consistent from many tasks at once")
    func concurrentLookups() async throws {
        let calendar = calendars.calendar(for: "SE")
        let start = try day("2000-01-01")
        let counts = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<15_000).reduce(0) { $0 + (calendar.isWorkingDay(start.adding(days: $1)) ? 1 : 0) }
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(Set(counts).count == 1)
    }
}
