extension TextTable {
    /// Texts of privacy and retention (R-GDPR-1…3).
    static let privacy = TextTable(
        part: "privacy",
        english: [
            "privacy.error.onLegalHold": "This application is on legal hold since {since}: its data is kept until a reviewer lifts the hold.",
            "privacy.error.noLegalHold": "This application is not on legal hold, so there is no hold to lift.",
            "privacy.error.holdReasonRequired": "A legal hold needs a reason, such as a case reference or the authority's request.",
            "privacy.error.nothingToExport": "Nothing is stored for this account or e-mail address, so there is nothing to export.",
            "privacy.error.nothingToErase": "No user or application is stored with this e-mail address, so there is nothing to erase.",
            "privacy.error.applicationOpen": "An application with this e-mail address is still open: its data can be erased once a reviewer has decided on it.",
            "privacy.error.onlySuperuser": "This user is the account's only superuser. Add another superuser to the account first, then erase this one.",
            "privacy.error.nothingToRectify": "Nothing to correct: the name, e-mail address and language are already as given.",
        ],
        swedish: [
            "privacy.error.onLegalHold": "Ansökan är under bevarandeplikt sedan {since}: uppgifterna sparas tills en granskare häver den.",
            "privacy.error.noLegalHold": "Ansökan är inte under bevarandeplikt, så det finns inget att häva.",
            "privacy.error.holdReasonRequired": "Bevarandeplikt kräver ett skäl, till exempel ett ärendenummer eller myndighetens begäran.",
            "privacy.error.nothingToExport": "Inget finns sparat för det här kontot eller den här e-postadressen, så det finns inget att exportera.",
            "privacy.error.nothingToErase": "Ingen användare eller ansökan finns sparad med den här e-postadressen, så det finns inget att radera.",
            "privacy.error.applicationOpen": "En ansökan med den här e-postadressen är fortfarande öppen: uppgifterna kan raderas när en granskare har fattat beslut.",
            "privacy.error.onlySuperuser": "Användaren är kontots enda superanvändare. Lägg först till en annan superanvändare i kontot och radera sedan den här.",
            "privacy.error.nothingToRectify": "Inget att rätta: namnet, e-postadressen och språket är redan de angivna.",
        ])
}
