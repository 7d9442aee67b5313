import CPSCLI
@testable import CPSKit
import Testing

@Suite("cps holidays and cps workdays (R-CAL-1, R-VAL-2)")
struct CalendarCommandsTests {
    @Test("cps holidays prints one line per holiday, in English by default and Swedish on request")
    func holidays() async {
        let english = await CommandLineTool.run(["holidays", "SE", "2026"])
        #expect(english.status == .success)
        #expect(english.output.hasPrefix("2026-01-01 New Year's Day\n"))
        #expect(english.output.contains("2026-06-06 National Day\n"))
        let swedish = await CommandLineTool.run(["holidays", "SE", "2026", "--lang", "sv"])
        #expect(swedish.output.contains("2026-06-20 Midsommardagen\n"))
        let json = await CommandLineTool.run(["holidays", "GB", "2022", "--json"])
        #expect(json.output.contains("\"date\" : \"2022-12-27\""))
    }

    @Test("cps workdays adds working days; --batch reads one case per line")
    func workdays() async {
        let single = await CommandLineTool.run(["workdays", "SE", "2026-11-27", "2"])
        #expect(single.output == "2026-12-01\n")
        let batch = await CommandLineTool.run(["workdays", "--batch"],
                                              input: ["DE 2026-04-02 1", "US 2026-11-28 1", ""])
        #expect(batch.output == "2026-04-07\n2026-11-30\n")
    }

    @Test("Bad input is a usage error with a clear message",
          arguments: [["holidays", "XX", "2026"], ["holidays", "S", "2026"], ["holidays", "SE", "1800"],
                      ["workdays", "SE", "2026-13-01", "2"], ["workdays", "SE", "2026-11-27", "two"],
                      ["holidays", "SE", "2026", "--with", "nope"]])
    func badInput(arguments: [String]) async {
        let result = await CommandLineTool.run(arguments)
        #expect(result.status == .usage)
        #expect(!result.errorOutput.isEmpty)
    }
}
