extension TextTable {
    /// Texts of the business-calendar part (R-CAL-1, R-VAL-2).
    static let calendar = TextTable(
        part: "calendar",
        english: [
            "calendar.error.unsupportedCountry": "There are no holiday rules for the country {country}. Supported: {known}.",
            "calendar.error.invalidCountry": "\"{input}\" is not a two-letter country code such as SE or DE.",
            "calendar.error.yearOutOfRange": "The year {year} is outside the supported years 1900–2100.",
            "calendar.error.invalidDate": "\"{input}\" is not a date written as YYYY-MM-DD.",
            "calendar.error.invalidCount": "\"{input}\" is not a whole number of working days.",
            "calendar.error.countOutOfRange": "{input} working days is too many: at most {known} either way.",
            "calendar.error.dateOutOfRange": "{input} working days from {known} would fall outside the years 0001–9999.",
            "calendar.error.unknownCustomarySet": "\"{input}\" is not a customary-day set for {country}. Known sets: {known}.",
            "calendar.closingDay": "Company closing day",
        ],
        swedish: [
            "calendar.error.unsupportedCountry": "Det finns inga helgdagsregler för landet {country}. Länder som stöds: {known}.",
            "calendar.error.invalidCountry": "\"{input}\" är inte en landskod med två bokstäver, som SE eller DE.",
            "calendar.error.yearOutOfRange": "Året {year} ligger utanför de år som stöds, 1900–2100.",
            "calendar.error.invalidDate": "\"{input}\" är inte ett datum skrivet som ÅÅÅÅ-MM-DD.",
            "calendar.error.invalidCount": "\"{input}\" är inte ett heltal antal arbetsdagar.",
            "calendar.error.countOutOfRange": "{input} arbetsdagar är för många: högst {known} framåt eller bakåt.",
            "calendar.error.dateOutOfRange": "{input} arbetsdagar från {known} hamnar utanför åren 0001–9999.",
            "calendar.error.unknownCustomarySet": "\"{input}\" är ingen uppsättning sedvanliga lediga dagar för {country}. Kända uppsättningar: {known}.",
            "calendar.closingDay": "Företagets stängningsdag",
        ])
}
