import CPSKit
import Testing

@Suite("E-mail addresses and text fields (R-ACC-1, R-ACC-4)")
struct EmailAddressTests {
    @Test("Usable addresses are accepted and compared ignoring case as a whole", arguments: [
        "anna@ljusbild.se", "anna.lind+cps@foto.example.com", "A@B.CO", "o'brien@example.ie",
    ])
    func valid(_ text: String) throws {
        let address = try EmailAddress(" \(text) ")
        #expect(address.address == text)
        #expect(address == (try EmailAddress(text.uppercased())))
    }

    @Test("Malformed addresses are refused", arguments: [
        "", "anna", "anna@", "@ljusbild.se", "anna@ljusbild", "an na@ljusbild.se", "anna@@ljusbild.se", "anna@ljusbild.s",
        "anna..lind@ljusbild.se", ".anna@ljusbild.se", "anna@-ljusbild.se", "anna@ljusbild.se\n", "anna@ljus_bild.se",
        String(repeating: "a", count: 65) + "@ljusbild.se",
    ])
    func invalid(_ text: String) {
        #expect(throws: InputError.self) { try EmailAddress(text + (text.hasSuffix("\n") ? "x" : "")) }
    }

    @Test("Text fields: trimmed, length-limited, no control or format characters")
    func textFields() throws {
        #expect(try TextFieldRules.validate("  Ljusbild AB ", field: "f", maxLength: 20) == "Ljusbild AB")
        #expect(try TextFieldRules.validate(String(repeating: "å", count: 20), field: "f", maxLength: 20).count == 20)
        #expect(throws: InputError.self) { try TextFieldRules.validate(String(repeating: "å", count: 21), field: "f", maxLength: 20) }
        #expect(throws: InputError.self) { try TextFieldRules.validate("Foo\u{202E}AB", field: "f", maxLength: 20) }
        #expect(throws: InputError.self) { try TextFieldRules.validate("Foo\tAB", field: "f", maxLength: 20) }
        #expect(try TextFieldRules.optional("   ", field: "f", maxLength: 5) == nil)
    }
}
