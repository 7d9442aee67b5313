extension TextTable {
    /// Texts for bad form input (R-ACC-1).
    static let input = TextTable(
        part: "input",
        english: [
            "input.error.missing": "The field {field} is required.",
            "input.error.tooLong": "The field {field} is too long: at most {limit} characters.",
            "input.error.invalidCharacters": "The field {field} contains characters that are not allowed.",
            "input.error.invalidEmail": "\"{value}\" in {field} is not a valid e-mail address.",
            "input.error.invalidCountry": "\"{value}\" in {field} is not a two-letter ISO country code.",
            "input.error.invalidDate": "\"{value}\" in {field} is not a valid date.",
            "input.error.outOfRange": "\"{value}\" in {field} is out of range: {limit}.",
            "input.error.unsupportedLanguage": "\"{value}\" in {field} is not a language CPS writes in. Supported: {limit}.",
        ],
        swedish: [
            "input.error.missing": "Fältet {field} måste fyllas i.",
            "input.error.tooLong": "Fältet {field} är för långt: högst {limit} tecken.",
            "input.error.invalidCharacters": "Fältet {field} innehåller tecken som inte är tillåtna.",
            "input.error.invalidEmail": "\"{value}\" i {field} är inte en giltig e-postadress.",
            "input.error.invalidCountry": "\"{value}\" i {field} är inte en landskod med två bokstäver enligt ISO.",
            "input.error.invalidDate": "\"{value}\" i {field} är inte ett giltigt datum.",
            "input.error.outOfRange": "\"{value}\" i {field} ligger utanför det tillåtna: {limit}.",
            "input.error.unsupportedLanguage": "\"{value}\" i {field} är inget språk som CPS skriver på. Språk som stöds: {limit}.",
        ])
}
