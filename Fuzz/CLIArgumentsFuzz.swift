// libFuzzer target: the `cps` command line (Documentation/CommandLine.md). The input is split at NUL
// bytes into raw arguments, as the process receives them. Never a crash: arguments that are not
// UTF-8 are refused as a whole; the option parser returns arguments or a usage error; a valued
// option never takes an option as its value; the pieces a command parses from its arguments
// (CPS_NOW, a day, a count of working days, the working-day walk) answer or refuse.
import Foundation

func cliArgumentsFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = fuzzFields(fuzzBytes(data, size))
    let arguments: [String]
    do { arguments = try CommandLineTool.decode(raw) } catch {
        fuzzCheck(raw.contains { String(validating: $0, as: UTF8.self) == nil }, "valid UTF-8 arguments refused")
        return 0
    }
    let valued: Set<String> = ["--lang", "--data-dir", "--as", "--reviewer", "--with", "--serial", "--dealer"]
    if let parsed = try? Arguments(arguments, valued: valued) {
        for name in valued {
            guard let value = parsed.option(name) else { continue }
            // Given as `--name value`, a value is never an option; `--name=--x` is the way to pass one.
            let spaced = arguments.contains(name) && !arguments.contains { $0.hasPrefix(name + "=") }
            fuzzCheck(!spaced || !(value.hasPrefix("--") && value.count > 2) || arguments.contains("--"),
                      "\(name) took the option \(value) as its value")
        }
        _ = try? parsed.expect(known: ["--json", "--as"], maxPositionals: 3)
        fuzzCheck(!(parsed.flag("--json") && parsed.option("--json") != nil), "--json is both a flag and an option")
    }
    let weekends = WeekendCalendar()
    for argument in arguments.prefix(4) {
        if let date = CLIContext.instant(argument) { fuzzCheck(date.timeIntervalSince1970.isFinite, "CPS_NOW gave no finite instant") }
        _ = try? CLIContext.clock(["CPS_NOW": argument])
        _ = try? CalendarArguments.date(argument, .english)
        if let count = try? CalendarArguments.count(argument, .swedish) {
            fuzzCheck(count.magnitude <= UInt(CalendarArguments.countLimit), "count \(count) beyond the limit")
            for start in [CalendarDay.earliest, CalendarDay.latest] {
                if let day = try? weekends.checkedAdding(workingDays: count, to: start, limit: CalendarArguments.countLimit) {
                    fuzzCheck((1...9999).contains(day.year), "workdays gave the year \(day.year)")
                }
            }
        }
    }
    return 0
}
