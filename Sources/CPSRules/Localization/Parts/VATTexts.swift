extension TextTable {
    /// Texts of the VAT-number part (R-VAT-1, R-VAT-2).
    static let vat = TextTable(
        part: "vat",
        english: [
            "vat.error.empty": "No VAT number was given.",
            "vat.error.unknownCountry": "\"{input}\" does not start with the prefix of a supported country.",
            "vat.error.wrongLength": "\"{input}\" has the wrong number of characters for its country.",
            "vat.error.badPattern": "\"{input}\" contains characters that are not allowed there for its country.",
            "vat.error.badCheckDigit": "\"{input}\" is not a valid VAT number: its check digit does not match. Check it for a typing error.",
        ],
        swedish: [
            "vat.error.empty": "Inget momsregistreringsnummer angavs.",
            "vat.error.unknownCountry": "\"{input}\" börjar inte med landsprefixet för ett land som stöds.",
            "vat.error.wrongLength": "\"{input}\" har fel antal tecken för sitt land.",
            "vat.error.badPattern": "\"{input}\" innehåller tecken som inte är tillåtna där för sitt land.",
            "vat.error.badCheckDigit": "\"{input}\" är inte ett giltigt momsregistreringsnummer: kontrollsiffran stämmer inte. Kontrollera om det finns ett skrivfel.",
        ])
}
