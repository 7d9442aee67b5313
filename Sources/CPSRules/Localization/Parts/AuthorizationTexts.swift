extension TextTable {
    /// Texts of access control (R-ACC-5).
    static let authorization = TextTable(
        part: "authorization",
        english: [
            "authorization.error.reviewerOnly": "Only a Canon reviewer can do this.",
            "authorization.error.applicantOnly": "Only the person who applied can do this with the application.",
            "authorization.error.superuserOnly": "Only the account's superuser can do this.",
            "authorization.error.otherAccount": "This belongs to another account, or does not exist.",
            "authorization.error.inactiveUser": "Your user is not active on this account.",
            "authorization.error.wrongPrincipal": "This cannot be done with the kind of sign-in you are using.",
        ],
        swedish: [
            "authorization.error.reviewerOnly": "Endast en granskare på Canon kan göra detta.",
            "authorization.error.applicantOnly": "Endast den som ansökte kan göra detta med ansökan.",
            "authorization.error.superuserOnly": "Endast kontots superanvändare kan göra detta.",
            "authorization.error.otherAccount": "Detta hör till ett annat konto, eller finns inte.",
            "authorization.error.inactiveUser": "Din användare är inte aktiv på det här kontot.",
            "authorization.error.wrongPrincipal": "Detta kan inte göras med den typ av inloggning du använder.",
        ])
}
