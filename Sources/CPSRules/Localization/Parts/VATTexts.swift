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
            "vat.error.missingCountryPrefix": "\"{input}\" has no country prefix: a VAT number starts with its country's letters, such as SE for Sweden or DE for Germany.",
            "vat.error.swedishWithout01": "\"{input}\" is a Swedish organisation number: the VAT number is SE, the 10 digits and 01 (for example SE556677889901).",
            "vat.error.norwegianWithoutMVA": "\"{input}\" lacks MVA: a Norwegian VAT number is NO, 9 digits and MVA (for example NO917313008MVA).",
            "vat.error.swissWithoutSuffix": "\"{input}\" lacks MWST, TVA or IVA: a Swiss VAT number is CHE, 9 digits and one of them (for example CHE100155212MWST).",
            "vat.error.dutchWithoutB01": "\"{input}\" lacks the B and two digits: a Dutch VAT number is NL, 9 digits, B and two digits (for example NL004495445B01).",
            "vat.error.austrianWithoutU": "\"{input}\" lacks the U: an Austrian VAT number is ATU and 8 digits (for example ATU13585627).",
            "vat.error.belgianNineDigits": "\"{input}\" has 9 digits: a Belgian VAT number has 10, starting with 0 or 1 (for example BE0403019261). Check whether a digit is missing.",
        ],
        swedish: [
            "vat.error.empty": "Inget momsregistreringsnummer angavs.",
            "vat.error.unknownCountry": "\"{input}\" börjar inte med landsprefixet för ett land som stöds.",
            "vat.error.wrongLength": "\"{input}\" har fel antal tecken för sitt land.",
            "vat.error.badPattern": "\"{input}\" innehåller tecken som inte är tillåtna där för sitt land.",
            "vat.error.badCheckDigit": "\"{input}\" är inte ett giltigt momsregistreringsnummer: kontrollsiffran stämmer inte. Kontrollera om det finns ett skrivfel.",
            "vat.error.missingCountryPrefix": "\"{input}\" saknar landsprefix: ett momsregistreringsnummer börjar med landets bokstäver, till exempel SE för Sverige eller DE för Tyskland.",
            "vat.error.swedishWithout01": "\"{input}\" är ett organisationsnummer: momsregistreringsnumret är SE, de 10 siffrorna och 01 (till exempel SE556677889901).",
            "vat.error.norwegianWithoutMVA": "\"{input}\" saknar MVA: ett norskt momsregistreringsnummer är NO, 9 siffror och MVA (till exempel NO917313008MVA).",
            "vat.error.swissWithoutSuffix": "\"{input}\" saknar MWST, TVA eller IVA: ett schweiziskt momsregistreringsnummer är CHE, 9 siffror och ett av dem (till exempel CHE100155212MWST).",
            "vat.error.dutchWithoutB01": "\"{input}\" saknar B och två siffror: ett nederländskt momsregistreringsnummer är NL, 9 siffror, B och två siffror (till exempel NL004495445B01).",
            "vat.error.austrianWithoutU": "\"{input}\" saknar U: ett österrikiskt momsregistreringsnummer är ATU och 8 siffror (till exempel ATU13585627).",
            "vat.error.belgianNineDigits": "\"{input}\" har 9 siffror: ett belgiskt momsregistreringsnummer har 10 och börjar med 0 eller 1 (till exempel BE0403019261). Kontrollera om en siffra fattas.",
        ])
}
