extension TextTable {
    /// Texts of privacy and retention (R-GDPR-1…3).
    static let privacy = TextTable(
        part: "privacy",
        english: [
            "privacy.error.onLegalHold": "This application is on legal hold since {since}: its data is kept until a reviewer lifts the hold.",
            "privacy.error.noLegalHold": "This application is not on legal hold, so there is no hold to lift.",
            "privacy.error.holdReasonRequired": "A legal hold needs a reason, such as a case reference or the authority's request.",
            "privacy.error.nothingToExport": "Nothing is stored for this account or e-mail address, so there is nothing to export.",
        ],
        swedish: [
            "privacy.error.onLegalHold": "Ansökan är under bevarandeplikt sedan {since}: uppgifterna sparas tills en granskare häver den.",
            "privacy.error.noLegalHold": "Ansökan är inte under bevarandeplikt, så det finns inget att häva.",
            "privacy.error.holdReasonRequired": "Bevarandeplikt kräver ett skäl, till exempel ett ärendenummer eller myndighetens begäran.",
            "privacy.error.nothingToExport": "Inget finns sparat för det här kontot eller den här e-postadressen, så det finns inget att exportera.",
        ])
}
