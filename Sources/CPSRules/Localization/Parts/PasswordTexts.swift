extension TextTable {
    /// Texts of passwords and sign-in (R-PWD-1…3).
    static let password = TextTable(
        part: "password",
        english: [
            "password.error.invalidToken": "This password link is not valid. Use the link in the most recent e-mail from Canon, or ask for a new one.",
            "password.error.tokenUsed": "This password link has already been used. Each link works once; ask for a new one if you need to set the password again.",
            "password.error.tokenExpired": "This password link has expired. Ask for a new one.",
            "password.error.tokenReplaced": "A newer password link has been sent. Use the link in the most recent e-mail.",
            "password.error.weakPassword": "Choose another password: {rules}.",
            "password.rule.tooShort": "use at least {minimum, plural, one {# character} other {# characters}}",
            "password.rule.tooLong": "use at most {maximum, plural, one {# character} other {# characters}}",
            "password.rule.containsEmail": "leave out your e-mail address",
            "password.rule.needsLetterAndDigit": "mix letters and digits",
            "password.error.invalidCredentials": "The e-mail address or the password is wrong.",
            "password.error.identityUnavailable": "The password could not be saved right now. Your link still works: try again in a moment.",
            "password.error.tryAgainLater": "Too many sign-in attempts. Try again after {retryAt}, or set a new password with a reset link.",
            "password.error.tokenBusy": "This password link is being used right now. Try again in a few minutes.",
            "password.reset.answer": "If a business account exists for this address, an e-mail with a link to set your password is on its way. If you have just applied, wait for the e-mail from donotreply@canon-europe.com: do not try to reset the password before then.",
        ],
        swedish: [
            "password.error.invalidToken": "Den här lösenordslänken är inte giltig. Använd länken i det senaste e-postmeddelandet från Canon, eller be om en ny.",
            "password.error.tokenUsed": "Den här lösenordslänken har redan använts. Varje länk fungerar en gång; be om en ny om du behöver ange lösenordet igen.",
            "password.error.tokenExpired": "Den här lösenordslänken har gått ut. Be om en ny.",
            "password.error.tokenReplaced": "En nyare lösenordslänk har skickats. Använd länken i det senaste e-postmeddelandet.",
            "password.error.weakPassword": "Välj ett annat lösenord: {rules}.",
            "password.rule.tooShort": "använd minst {minimum} tecken",
            "password.rule.tooLong": "använd högst {maximum} tecken",
            "password.rule.containsEmail": "utelämna din e-postadress",
            "password.rule.needsLetterAndDigit": "blanda bokstäver och siffror",
            "password.error.invalidCredentials": "E-postadressen eller lösenordet är fel.",
            "password.error.identityUnavailable": "Lösenordet kunde inte sparas just nu. Din länk fungerar fortfarande: försök igen om en stund.",
            "password.error.tryAgainLater": "För många inloggningsförsök. Försök igen efter {retryAt}, eller ange ett nytt lösenord med en återställningslänk.",
            "password.error.tokenBusy": "Den här lösenordslänken används just nu. Försök igen om några minuter.",
            "password.reset.answer": "Om det finns ett företagskonto för den här adressen är ett e-postmeddelande med en länk för att ange lösenordet på väg. Om du nyss har ansökt, vänta på e-postmeddelandet från donotreply@canon-europe.com: försök inte att återställa lösenordet innan dess.",
        ])

    /// Texts of account users (R-ACC-5).
    static let account = TextTable(
        part: "account",
        english: [
            "account.error.emailInUse": "The e-mail {email} already belongs to a user or an open application.",
            "account.error.userNotFound": "The account has no such user.",
            "account.error.lastSuperuser": "A superuser cannot remove themself: the account must keep its superuser.",
        ],
        swedish: [
            "account.error.emailInUse": "E-postadressen {email} tillhör redan en användare eller en öppen ansökan.",
            "account.error.userNotFound": "Kontot har ingen sådan användare.",
            "account.error.lastSuperuser": "En superanvändare kan inte ta bort sig själv: kontot måste behålla sin superanvändare.",
        ])
}
