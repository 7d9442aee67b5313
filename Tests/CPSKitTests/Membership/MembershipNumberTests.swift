import CPSKit
import Foundation
import Testing

@Suite("Membership numbers (R-MEM-2)")
struct MembershipNumberTests {
    @Test("Generated from a sequence number with a Luhn check digit", arguments: [
        (1, "CPS0000000018"), (42, "CPS0000000422"), (123_456_789, "CPS1234567897"), (999_999_999, "CPS9999999999"),
    ])
    func generate(sequence: Int, compact: String) throws {
        let number = try MembershipNumber(sequence: sequence)
        #expect(number.compact == compact)
        #expect(number.sequence == sequence)
        #expect(try MembershipNumber(parsing: number.printed) == number)
        #expect(MembershipNumber.isValid(compact.lowercased()))
    }

    @Test("Out-of-range sequences are refused", arguments: [0, -1, 1_000_000_000])
    func outOfRange(sequence: Int) {
        #expect(throws: MembershipError.self) { try MembershipNumber(sequence: sequence) }
    }

    @Test("A wrong check digit, a swap or a bad shape is not valid", arguments: [
        "CPS0000000019", "CPS0000000428", "CPS2134567897", "CPS123456789", "CPS12345678970", "XPS1234567897",
        "CPS12345678X7", "", "CPS0000000000",
    ])
    func invalid(text: String) {
        #expect(!MembershipNumber.isValid(text))
        do { _ = try MembershipNumber(parsing: text) } catch {
            #expect(error.reason == .invalidMembershipNumber)
            #expect(error.message(in: .swedish).contains("medlemsnummer"))
        }
    }

    @Test("Every single-digit error is caught")
    func singleDigitErrors() throws {
        let compact = Array(try MembershipNumber(sequence: 123_456_789).compact)
        for position in 3..<compact.count {
            for digit in "0123456789" where digit != compact[position] {
                var changed = compact
                changed[position] = digit
                #expect(!MembershipNumber.isValid(String(changed)), "\(String(changed))")
            }
        }
    }

    @Test("A new number differs from every number the account had, in any spelling")
    func distinctFromPrevious() throws {
        let previous = ["cps 000 000 042 2", "CPS-0000000430", "OLD-CPS-77"]
        let assignment = try MembershipNumber.assignNew(nextSequence: 42, previousNumbers: previous)
        #expect(assignment.number.sequence == 44)
        #expect(assignment.nextSequence == 45)
        #expect(assignment.previousNumbers == ["CPS0000000422", "CPS0000000430", "OLDCPS77"])
        let fresh = try MembershipNumber.assignNew(nextSequence: 7, previousNumbers: [String]())
        #expect(fresh.number.sequence == 7)
        #expect(throws: MembershipError.self) {
            try MembershipNumber.assignNew(nextSequence: 999_999_999, previousNumbers: ["CPS9999999999"])
        }
    }

    @Test("Codable as the compact form")
    func codable() throws {
        let number = try MembershipNumber(sequence: 1)
        let data = try JSONEncoder().encode([number])
        #expect(String(data: data, encoding: .utf8) == #"["CPS0000000018"]"#)
        #expect(try JSONDecoder().decode([MembershipNumber].self, from: data) == [number])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([MembershipNumber].self, from: Data(#"["CPS0000000019"]"#.utf8))
        }
    }
}
