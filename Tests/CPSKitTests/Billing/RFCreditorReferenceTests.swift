import CPSKit
import Foundation
import Testing

@Suite("RF creditor reference, ISO 11649 (R-BIL-4)")
struct RFCreditorReferenceTests {
    @Test("Check digits of known references", arguments: [
        ("539007547034", "RF18539007547034", "RF18 5390 0754 7034"),
        ("000000000539007547034", "RF18000000000539007547034", "RF18 0000 0000 0539 0075 4703 4"),
        ("G72UUR", "RF45G72UUR", "RF45 G72U UR"),
        ("CPS-2026-000001", "RF55CPS2026000001", "RF55 CPS2 0260 0000 1"),
        ("1", "RF741", "RF74 1"),
    ])
    func generate(base: String, electronic: String, printed: String) throws {
        let reference = try RFCreditorReference(base: base)
        #expect(reference.electronic == electronic)
        #expect(reference.printed == printed)
        #expect(try RFCreditorReference(parsing: printed) == reference)
        #expect(try RFCreditorReference(parsing: electronic.lowercased()) == reference)
        #expect(RFCreditorReference.isValid(electronic))
    }

    @Test("Wrong check digits, bad characters and wrong lengths are not valid", arguments: [
        "RF19539007547034", "RF17 5390 0754 7034", "RF18539007547035", "RF18 5390 0754 7043", "RF18",
        "RF1", "XX18539007547034", "RF18 5390-0754!7034", "RFAB539007547034", "RF180000000005390075470341",
        "", "RF00539007547034",
    ])
    func invalid(text: String) {
        #expect(!RFCreditorReference.isValid(text))
        do { _ = try RFCreditorReference(parsing: text) } catch {
            #expect(error.reason == .invalidCreditorReference)
        }
    }

    @Test("Bases must be 1…21 letters and digits")
    func badBases() {
        for base in ["", "1234567890123456789012", "AB_12", "Å1"] {
            #expect(throws: BillingError.self) { try RFCreditorReference(base: base) }
        }
        #expect((try? RFCreditorReference(base: "123456789012345678901")) != nil)
    }

    @Test("Codable as the electronic form")
    func codable() throws {
        let reference = try RFCreditorReference(base: "539007547034")
        let data = try JSONEncoder().encode([reference])
        #expect(String(data: data, encoding: .utf8) == #"["RF18539007547034"]"#)
        #expect(try JSONDecoder().decode([RFCreditorReference].self, from: data) == [reference])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([RFCreditorReference].self, from: Data(#"["RF19539007547034"]"#.utf8))
        }
    }
}
