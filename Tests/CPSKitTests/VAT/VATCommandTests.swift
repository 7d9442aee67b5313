@testable import CPSCLI
import Foundation
import Testing

/// `cps vat` (R-VAT-1): one verdict line per input, or a JSON array with `--json`.
@Suite("cps vat (R-VAT-1)")
struct VATCommandTests {
    @Test("R-VAT-1: reads numbers from standard input and prints valid <compact> or invalid <reason>")
    func standardInput() async {
        let result = await CommandLineTool.run(["vat"], input: ["se 556677-8899 01", "SE556677889001", "", "US1"])
        #expect(result.status == .success)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == 5)
        #expect(lines[0] == "valid SE556677889901")
        #expect(lines[1].hasPrefix("invalid badCheckDigit: "))
        #expect(lines[2].hasPrefix("invalid empty: "))
        #expect(lines[3].hasPrefix("invalid unknownCountry: "))
    }

    @Test("R-VAT-1: numbers given as arguments; messages follow --lang")
    func argumentsAndLanguage() async {
        let result = await CommandLineTool.run(["vat", "GR 94012834", "DE036695976", "--lang", "sv"])
        #expect(result.output.hasPrefix("valid GR094012834\ninvalid badPattern: "))
        #expect(result.output.contains("innehåller tecken"))
    }

    struct Report: Decodable, Equatable {
        let input: String
        let valid: Bool
        let compact: String?
        let reason: String?
        let message: String?
    }

    @Test("R-VAT-1: --json prints an array of {input, valid, compact?, reason?, message?}")
    func json() async throws {
        let result = await CommandLineTool.run(["vat", "--json"], input: ["no 917 313 008 mva", "CHE100155212VAT"])
        #expect(result.status == .success)
        let reports = try JSONDecoder().decode([Report].self, from: Data(result.output.utf8))
        #expect(reports.count == 2)
        #expect(reports[0] == Report(input: "no 917 313 008 mva", valid: true, compact: "NO917313008MVA",
                                     reason: nil, message: nil))
        #expect(reports[1].valid == false)
        #expect(reports[1].compact == nil)
        #expect(reports[1].reason == "badPattern")
        #expect(reports[1].message?.contains("CHE100155212VAT") == true)
        #expect(!result.output.contains("\"compact\" : null"))
    }

    @Test("R-VAT-1: --json with no input prints an empty array; an unknown option is a usage error")
    func edgeCases() async {
        let empty = await CommandLineTool.run(["vat", "--json"], input: [])
        #expect(empty.output.trimmingCharacters(in: .whitespacesAndNewlines) == "[\n\n]" ||
                empty.output.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
        let usage = await CommandLineTool.run(["vat", "--strict", "SE556677889901"])
        #expect(usage.status == .usage)
    }
}
