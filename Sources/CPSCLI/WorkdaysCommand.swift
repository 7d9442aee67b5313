import CPSKit

extension CommandSpec {
    /// `cps workdays COUNTRY YYYY-MM-DD N`: the day N working days after a date (R-VAL-2, R-CAL-1).
    static let workdays = CommandSpec(
        name: "workdays",
        summary: "the date N working days after a date in a country's calendar (R-VAL-2)",
        help: """
        Usage: cps workdays COUNTRY YYYY-MM-DD N [--with SET,…] [--json]
               cps workdays --batch            (reads "COUNTRY YYYY-MM-DD N" lines from standard input)

        Prints the day N working days after the date (R-VAL-2): the start day is never counted,
        a start on a weekend or holiday counts from the next working day, N = 0 gives the date
        itself and a negative N counts backwards; N is at most 100000 either way and the result
        must fall within the years 0001–9999 (else a usage error, exit 64). Working days exclude weekends and the country's
        public holidays (python `holidays` 0.109; GB = England); a country without rules has
        weekends only. --with adds opted-in customary-day sets, e.g. --with midsummerEve for SE.
        In --batch mode one result line is printed per input line, in order.
        """,
        valuedOptions: ["--with"]
    ) { invocation in
        let arguments = invocation.arguments
        let language = invocation.language
        if arguments.flag("--batch") {
            try arguments.expect(known: ["--batch", "--lang"], maxPositionals: 0)
            let calendars = BusinessCalendars()
            var lineNumber = 0
            while let line = try invocation.readLine() {
                lineNumber += 1
                let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
                if fields.isEmpty { continue }
                guard fields.count == 3 else {
                    throw CommandError(.batchLine, arguments: ["line": .number(lineNumber), "value": .text(line)])
                }
                let country = try CalendarArguments.country(fields[0], language)
                let start = try CalendarArguments.date(fields[1], language)
                let count = try CalendarArguments.count(fields[2], language)
                invocation.print(try CalendarArguments.adding(count, to: start, in: calendars.calendar(for: country), language).description)
            }
            return .success
        }
        try arguments.expect(known: ["--json", "--with", "--lang"], maxPositionals: 3)
        let country = try CalendarArguments.country(try arguments.positional(0, "COUNTRY"), language)
        let start = try CalendarArguments.date(try arguments.positional(1, "YYYY-MM-DD"), language)
        let count = try CalendarArguments.count(try arguments.positional(2, "N"), language)
        let calendars = BusinessCalendars(policy: try CalendarArguments.policy(arguments, for: country, language))
        let result = try CalendarArguments.adding(count, to: start, in: calendars.calendar(for: country), language)
        if invocation.json {
            try invocation.printJSON(WorkdaysResult(country: country, start: start, workingDays: count, date: result))
        } else {
            invocation.print(result.description)
        }
        return .success
    }
}

/// `cps workdays --json` output.
struct WorkdaysResult: Encodable {
    let country: CountryCode
    let start: CalendarDay
    let workingDays: Int
    let date: CalendarDay
}
