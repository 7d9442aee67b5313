@testable import CPSKit
@testable import CPSRules
import Foundation
import Testing

/// R-VAT-1: every supported country's numbers, their spellings, compact and canonical forms, and the
/// reasons for refusals. Expected values agree with python-stdnum 2.2 (see Scripts/vat_differential.py).
@Suite("VAT numbers (R-VAT-1)")
struct VATNumberTests {
    /// One known-valid number per country form, with its compact form.
    static let valid: [(input: String, compact: String)] = [
        ("ATU13585627", "ATU13585627"), ("BE0776091951", "BE0776091951"), ("BG175074752", "BG175074752"),
        ("CY10259033P", "CY10259033P"), ("CZ25123891", "CZ25123891"), ("CZ7103192745", "CZ7103192745"),
        ("CZ640903926", "CZ640903926"), ("DE136695976", "DE136695976"), ("DK13585628", "DK13585628"),
        ("EE100931558", "EE100931558"), ("EL094259216", "EL094259216"), ("GR094012834", "GR094012834"),
        ("ESA13585625", "ESA13585625"), ("ES54362315K", "ES54362315K"), ("ESX5253868R", "ESX5253868R"),
        ("FI20774740", "FI20774740"), ("FR40303265045", "FR40303265045"), ("FRK7399859412", "FRK7399859412"),
        ("HR33392005961", "HR33392005961"), ("HU12892312", "HU12892312"), ("IE6433435F", "IE6433435F"),
        ("IE8D79739I", "IE8D79739I"), ("IE6433435OA", "IE6433435OA"), ("IT00743110157", "IT00743110157"),
        ("LT119511515", "LT119511515"), ("LU15027442", "LU15027442"), ("LV40003521600", "LV40003521600"),
        ("MT11679112", "MT11679112"), ("NL004495445B01", "NL004495445B01"), ("PL8567346215", "PL8567346215"),
        ("PT501964843", "PT501964843"), ("RO18547290", "RO18547290"), ("SE556677889901", "SE556677889901"),
        ("SI50223054", "SI50223054"), ("SK2022749619", "SK2022749619"), ("GB002425728", "GB002425728"),
        ("GB980780684", "GB980780684"), ("GBGD001", "GBGD001"), ("GBHA500", "GBHA500"),
        ("XI980780684", "XI980780684"), ("NO917313008MVA", "NO917313008MVA"),
        ("CHE100155212MWST", "CHE100155212MWST"), ("CHE100155212TVA", "CHE100155212TVA"),
        ("CHE113690319IVA", "CHE113690319IVA"), ("CHE113690319TPV", "CHE113690319TPV"),
    ]

    @Test("R-VAT-1: a known-valid number of every country is accepted with its compact form", arguments: valid)
    func acceptsValidNumbers(_ example: (input: String, compact: String)) throws {
        let number = try VATNumber(example.input)
        #expect(number.compact == example.compact)
        #expect(VATNumber.isValid(example.input))
        #expect(try VATNumber(example.input.lowercased()) == number)
    }

    @Test("R-VAT-1: one wrong digit is a bad check digit", arguments: [
        "ATU13585620", "BE0776091950", "BG175074750", "CY10259030P", "CZ25123890", "CZ7103192740",
        "CZ640903920", "DE136695970", "DK13585620", "EE100931550", "EL094259210", "GR094012830",
        "ESA13585620", "ES54362310K", "ESX5253860R", "FI20774741", "FR40303265040", "FRK7399859410",
        "HR33392005960", "HU12892310", "IE6433430F", "IE8D79730I", "IE6433430OA", "IT00743110150",
        "LT119511510", "LU15027440", "LV40003521601", "MT11679110", "NL004495440B01", "PL8567346210",
        "PT501964840", "RO18547291", "SE556677889001", "SI50223050", "SK2022749610", "GB002425720",
        "GB980780680", "XI980780680", "NO917313000MVA", "CHE100155210MWST", "CHE113690310TPV",
    ])
    func refusesBadCheckDigits(_ input: String) {
        #expect(throws: VATNumberError(.badCheckDigit, input: input)) { try VATNumber(input) }
    }

    @Test("R-VAT-1: a number with digits missing has the wrong length", arguments: [
        "ATU135856", "BE07760919", "BG1750747", "CY1025903", "CZ251238", "DE1366959", "DK135856",
        "EE1009315", "EL0942592", "ESA135856", "FI207747", "FR403032650", "HR333920059", "HU128923",
        "IE643343", "IT007431101", "LT1195115", "LU150274", "LV400035216", "MT116791", "PL85673462",
        "PT5019648", "SI502230", "SK20227496", "GB0024257", "GBGD0", "XI9807806", "CHE11369039IVA",
    ])
    func refusesWrongLengths(_ input: String) {
        #expect(throws: VATNumberError(.wrongLength, input: input)) { try VATNumber(input) }
    }

    @Test("R-VAT-1: characters a country does not allow are a bad pattern", arguments: [
        "ATX13585627", "DE036695976", "SE556677889902", "NL004495445X01", "NL004495445B00", "NO917313008MV",
        "CHE100155212VAT", "CHF100155212MWST", "CY12259033P", "GBGD500", "GBHA499", "ES!13585625",
    ])
    func refusesBadPatterns(_ input: String) {
        #expect(throws: VATNumberError(.badPattern, input: input)) { try VATNumber(input) }
    }

    @Test("R-VAT-1: an empty input and an unknown prefix are refused with their own reasons")
    func emptyAndUnknown() {
        for input in ["", "   ", " - . "] {
            #expect(throws: VATNumberError(.empty, input: input)) { try VATNumber(input) }
        }
        for input in ["US123456789", "EU372022452", "IM372022452", "1234567", "S E556677889901", "X"] {
            #expect(throws: VATNumberError(.unknownCountry, input: input)) { try VATNumber(input) }
        }
        // Issue 15: eight or more digits without a prefix are a missing prefix (InputRulesTests).
        #expect(throws: VATNumberError(.missingCountryPrefix, input: "12345678")) { try VATNumber("12345678") }
    }

    @Test("R-VAT-1: usual formatting is accepted and removed", arguments: [
        ("SE 556677-8899 01", "SE556677889901"), ("se556677889901", "SE556677889901"),
        ("  SE556677889901\t", "SE556677889901"), ("DE 136.695.976", "DE136695976"),
        ("DE136,695,976", "DE136695976"), ("DK 13 58 56 28", "DK13585628"), ("dk13:58:56:28", "DK13585628"),
        ("BE 0776.091.951", "BE0776091951"), ("BE776091951", "BE0776091951"), ("BE (0)776091951", "BE0776091951"),
        ("el 94259216", "EL094259216"), ("GR 094/012/834", "GR094012834"), ("GR09:40:12:834", "GR094012834"),
        ("NL4495445B01", "NL004495445B01"), ("nl 0044.95.445.b.01", "NL004495445B01"),
        ("FR 40 303 265 045", "FR40303265045"), ("IT 007-431-101-57", "IT00743110157"), ("IT00:743:110:157", "IT00743110157"),
        ("LU 15:02.74-42", "LU15027442"), ("GB 002 4257 28", "GB002425728"), ("xi 980 7806 84", "XI980780684"),
        ("NO 917 313 008 MVA", "NO917313008MVA"), ("no917313008mva", "NO917313008MVA"),
        ("CHE-100.155.212 MWST", "CHE100155212MWST"), ("che 113.690.319 tpv", "CHE113690319TPV"),
        ("ATU 1358 5627", "ATU13585627"), ("CZ 251 238 91", "CZ25123891"), ("CZ710319/2745", "CZ7103192745"),
    ])
    func formatting(_ example: (String, String)) throws {
        #expect(try VATNumber(example.0).compact == example.1)
    }

    @Test("R-VAT-1: look-alike Unicode characters fold as in the reference")
    func unicode() throws {
        #expect(try VATNumber("SE\u{00A0}556677\u{2013}8899\u{2009}01").compact == "SE556677889901")
        #expect(try VATNumber("SE５５６６７７８８９９０１").compact == "SE556677889901")
        #expect(try VATNumber("\u{FB01}20774740").compact == "FI20774740")
        #expect(try VATNumber("\u{017F}E556677889901").compact == "SE556677889901")
        #expect(!VATNumber.isValid("SE556677889901é"))
        #expect(!VATNumber.isValid("SÉ556677889901"))
        #expect(!VATNumber.isValid("SE5566778899\u{200B}01"))
    }

    @Test("R-VAT-1: separator exception — a separator the reference keeps in that country is removed", arguments: [
        ("EE 100.931.558", "EE100931558"), ("ES A-1358/5625", "ESA13585625"), ("CZ 25-12-38-91", "CZ25123891"),
        ("NO 917.313.008 MVA", "NO917313008MVA"), ("NO917-313-008-MVA", "NO917313008MVA"),
        ("CHE/100/155/212/MWST", "CHE100155212MWST"), ("HU 12.89.23.12", "HU12892312"),
        ("IE 6433435/F", "IE6433435F"), ("RO 1854.7290", "RO18547290"), ("GB 002/4257/28", "GB002425728"),
    ])
    func separatorException(_ example: (String, String)) throws {
        #expect(try VATNumber(example.0).compact == example.1)
    }

    @Test("R-VAT-1: Norway — whitespace around the organisation number is left out of the compact form")
    func norwegianWhitespace() throws {
        #expect(try VATNumber("NO\t917313008\tMVA").compact == "NO917313008MVA")
    }

    @Test("R-VAT-1: GR and EL are one registration; the canonical form uses EL (R-ACC-4, R-BIL-5)")
    func greekCanonical() throws {
        let gr = try VATNumber("GR 094012834")
        let el = try VATNumber("EL94012834")
        #expect(gr.compact == "GR094012834")
        #expect(el.compact == "EL094012834")
        #expect(gr.canonical == "EL094012834")
        #expect(gr.canonical == el.canonical)
        #expect(gr.country == "GR" && el.country == "GR")
        #expect(gr.prefix == "GR" && el.prefix == "EL")
    }

    @Test("R-VAT-1: prefix and country of XI, GB, NO and CHE numbers")
    func prefixesAndCountries() throws {
        #expect(try VATNumber("XI980780684").country == "GB")
        #expect(try VATNumber("GB980780684").country == "GB")
        #expect(try VATNumber("NO917313008MVA").country == "NO")
        let swiss = try VATNumber("CHE-100.155.212 MWST")
        #expect(swiss.prefix == "CHE")
        #expect(swiss.country == "CH")
        #expect(swiss.canonical == "CHE100155212MWST")
        #expect(try VATNumber("SE556677889901").description == "SE556677889901")
    }

    @Test("R-VAT-1: a number round-trips through Codable as its compact form; a bad stored one fails")
    func codable() throws {
        let number = try VATNumber("se 556677-8899 01")
        let data = try JSONEncoder().encode([number])
        #expect(String(decoding: data, as: UTF8.self) == "[\"SE556677889901\"]")
        #expect(try JSONDecoder().decode([VATNumber].self, from: data) == [number])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([VATNumber].self, from: Data("[\"SE556677889902\"]".utf8))
        }
    }

    @Test("R-VAT-1: errors carry a code and a message in Swedish and English naming the input")
    func errorTexts() throws {
        let error = try #require(throws: VATNumberError.self) { try VATNumber("SE556677889001") }
        #expect(error.reason == .badCheckDigit)
        #expect(error.code == "vat.badCheckDigit")
        #expect(error.message(in: .english).contains("\"SE556677889001\""))
        #expect(error.message(in: .swedish).contains("kontrollsiffran"))
        for reason in VATNumberError.Reason.allCases {
            let failure = VATNumberError(reason, input: "X")
            #expect(failure.message(in: .english) != failure.textKey.description, "\(reason)")
        }
    }

    @Test("R-VAT-1: never crashes and never accepts garbage (control bytes, long input, lone prefixes)")
    func garbage() {
        let inputs = ["SE", "CHE", "NO", "NOMVA", "CH", "BE(0)", "NL", "NLB01", "IE", "ES", "FR", "GB",
                      String(repeating: "9", count: 10_000), "SE" + String(repeating: "1", count: 5_000),
                      "\u{0}\u{1}\u{7F}", "SE\u{0}556677889901", "🇸🇪556677889901", "\u{FFFD}\u{FFFD}"]
        for input in inputs { #expect(!VATNumber.isValid(input), "\(input.prefix(20))") }
    }

    @Test("R-VAT-1: invalid UTF-8 bytes are refused, not trusted")
    func invalidUTF8() {
        let samples: [[UInt8]] = [[0x53, 0x45, 0xFF], [0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x87], [0x53, 0x45, 0x80, 0x35]]
        for bytes in samples {
            let verdict = bytes.withUnsafeBufferPointer { VATNumberParser.verdict(utf8: $0) }
            #expect(verdict != .valid(""), "\(bytes)")
            if case .valid = verdict { Issue.record("accepted \(bytes)") }
        }
    }
}
