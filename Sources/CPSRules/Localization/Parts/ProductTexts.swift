extension TextTable {
    /// "My products", "View product", "MIGRATE PRODUCTS" and the points ledger (R-PRD-1…5, R-MIG-1…3,
    /// R-PTS-1): errors, missing-field explanations and labels, in the seed's words.
    static let product = TextTable(
        part: "product",
        english: [
            "product.label.myProducts": "My products",
            "product.label.viewProduct": "View product",
            "product.label.migrateProducts": "MIGRATE PRODUCTS",
            "product.label.prioritySupport": "CPS Priority Support",
            "product.error.invalidSerial": "The serial number \"{serial}\" can only contain the letters A–Z and the digits 0–9 (spaces and dashes are ignored).",
            "product.error.serialLength": "The serial number {serial} must have between {minimum} and {maximum} letters and digits.",
            "product.error.serialTaken": "{model} with serial number {serial} is already registered by another account. If it is yours, contact CPS Priority Support.",
            "product.error.alreadyRegistered": "{model} with serial number {serial} is already registered on your account.",
            "product.error.unknownModel": "\"{model}\" is not in the catalog of products that can be registered.",
            "product.error.purchaseDateInFuture": "The purchase date, {date}, lies in the future (today is {today}).",
            "product.error.notFound": "This product was not found on your account.",
            "product.error.removed": "This product has been removed; it is kept for the history only.",
            "product.error.busy": "Your points were being updated by another change at the same time. Please try again.",
            "product.field.serialNumber": "Serial number",
            "product.field.purchaseDate": "Purchase date",
            "product.field.countryOfPurchase": "Country of purchase",
            "product.field.dealer": "Dealer",
            "product.missing.serialNumber": "The serial number is missing: you find it on the product's label or box.",
            "product.missing.purchaseDate": "The purchase date is missing: the month or even only the year is enough.",
            "product.missing.countryOfPurchase": "The country of purchase is missing.",
            "product.missing.dealer": "The dealer is missing: the shop or company you bought the product from.",
            "product.view.complete": "{model}: complete — green tick, {points} points allocated.",
            "product.view.incomplete": "{model}: no green tick yet. Some mandatory product information is missing:",
            "product.view.approximate": "Don't worry if you don't remember the exact information: just fill it in as accurately as you can.",
            "product.view.removed": "{model}: removed; its points have been taken off your account.",
            "product.view.notInCatalog": "{model} is not in the catalog of products that earn points, so it earns none.",
            "product.migration.available": "MIGRATE PRODUCTS: {count, plural, one {# product} other {# products}} of your old CPS account {number} can be migrated.",
            "product.migration.unavailable.noOldEmailGiven": "MIGRATE PRODUCTS is not available: your old CPS e-mail address was not given when you applied for the business account.",
            "product.migration.unavailable.noLegacyAccountFound": "MIGRATE PRODUCTS is not available: no old CPS account was found for {email}.",
            "product.migration.unavailable.noLegacyDirectory": "MIGRATE PRODUCTS is not available: this service has no connection to the old CPS.",
            "product.migration.error.noLegacyDirectory": "Products cannot be migrated: this service has no connection to the old CPS. Register your products again, or contact CPS Priority Support.",
            "product.migration.wayOn.registerProductsAgain": "Register your products again under \"My products\".",
            "product.migration.wayOn.contactPrioritySupport": "Or contact CPS Priority Support.",
            "product.migration.error.noOldEmailGiven": "Products cannot be migrated: no old CPS e-mail address was given when you applied for the business account. Register your products again, or contact CPS Priority Support.",
            "product.migration.error.noLegacyAccountFound": "Products cannot be migrated: no old CPS account was found for {email}. Register your products again, or contact CPS Priority Support.",
            "product.migration.error.claimedByAnotherAccount": "The old CPS account {number} has already been migrated into another business account. Contact CPS Priority Support.",
            "product.migration.report.summary": "From the old CPS account {number}: {migrated} products migrated, {complete} complete, {incomplete} incomplete, {points} points allocated.",
            "product.migration.report.incomplete": "{model} ({serial}): no green tick yet — missing: {missing}. Click \"View product\" to fill it in.",
            "product.migration.report.notInCatalog": "{model} ({serial}): migrated without points, the model is not in the catalog.",
            "product.migration.report.conflict": "{model} ({serial}): not migrated, it is registered by another account. Contact CPS Priority Support.",
            "product.migration.report.invalid": "{model} ({serial}): not migrated, the model or serial number cannot be read. Register it again under \"My products\".",
        ],
        swedish: [
            "product.label.myProducts": "Mina produkter",
            "product.label.viewProduct": "Visa produkt",
            "product.label.migrateProducts": "MIGRERA PRODUKTER",
            "product.label.prioritySupport": "CPS Priority Support",
            "product.error.invalidSerial": "Serienumret ”{serial}” får bara innehålla bokstäverna A–Z och siffrorna 0–9 (mellanslag och bindestreck ignoreras).",
            "product.error.serialLength": "Serienumret {serial} måste ha mellan {minimum} och {maximum} bokstäver och siffror.",
            "product.error.serialTaken": "{model} med serienummer {serial} är redan registrerad av ett annat konto. Om den är din, kontakta CPS Priority Support.",
            "product.error.alreadyRegistered": "{model} med serienummer {serial} är redan registrerad på ditt konto.",
            "product.error.unknownModel": "”{model}” finns inte i katalogen över produkter som kan registreras.",
            "product.error.purchaseDateInFuture": "Inköpsdatumet, {date}, ligger i framtiden (i dag är det {today}).",
            "product.error.notFound": "Produkten finns inte på ditt konto.",
            "product.error.removed": "Produkten har tagits bort; den finns kvar endast i historiken.",
            "product.error.busy": "Dina poäng uppdaterades samtidigt av en annan ändring. Försök igen.",
            "product.field.serialNumber": "Serienummer",
            "product.field.purchaseDate": "Inköpsdatum",
            "product.field.countryOfPurchase": "Inköpsland",
            "product.field.dealer": "Återförsäljare",
            "product.missing.serialNumber": "Serienumret saknas: du hittar det på produktens etikett eller kartong.",
            "product.missing.purchaseDate": "Inköpsdatumet saknas: det räcker med månaden eller till och med bara året.",
            "product.missing.countryOfPurchase": "Inköpslandet saknas.",
            "product.missing.dealer": "Återförsäljaren saknas: butiken eller företaget där du köpte produkten.",
            "product.view.complete": "{model}: komplett – grön bock, {points} poäng tilldelade.",
            "product.view.incomplete": "{model}: ingen grön bock ännu. Viss obligatorisk produktinformation saknas:",
            "product.view.approximate": "Oroa dig inte om du inte kommer ihåg den exakta informationen, bara fyll i så noggrant du kan.",
            "product.view.removed": "{model}: borttagen; dess poäng har dragits av från ditt konto.",
            "product.view.notInCatalog": "{model} finns inte i katalogen över produkter som ger poäng, så den ger inga.",
            "product.migration.available": "MIGRERA PRODUKTER: {count, plural, one {# produkt} other {# produkter}} från ditt gamla CPS-konto {number} kan migreras.",
            "product.migration.unavailable.noOldEmailGiven": "MIGRERA PRODUKTER är inte tillgängligt: din gamla e-postadress angavs inte när du ansökte om företagskontot.",
            "product.migration.unavailable.noLegacyAccountFound": "MIGRERA PRODUKTER är inte tillgängligt: inget gammalt CPS-konto hittades för {email}.",
            "product.migration.unavailable.noLegacyDirectory": "MIGRERA PRODUKTER är inte tillgängligt: tjänsten har ingen anslutning till det gamla CPS.",
            "product.migration.error.noLegacyDirectory": "Produkterna kan inte migreras: tjänsten har ingen anslutning till det gamla CPS. Registrera dina produkter igen eller kontakta CPS Priority Support.",
            "product.migration.wayOn.registerProductsAgain": "Registrera dina produkter igen under ”Mina produkter”.",
            "product.migration.wayOn.contactPrioritySupport": "Eller kontakta CPS Priority Support.",
            "product.migration.error.noOldEmailGiven": "Produkterna kan inte migreras: ingen gammal CPS-e-postadress angavs när du ansökte om företagskontot. Registrera dina produkter igen eller kontakta CPS Priority Support.",
            "product.migration.error.noLegacyAccountFound": "Produkterna kan inte migreras: inget gammalt CPS-konto hittades för {email}. Registrera dina produkter igen eller kontakta CPS Priority Support.",
            "product.migration.error.claimedByAnotherAccount": "Det gamla CPS-kontot {number} har redan migrerats till ett annat företagskonto. Kontakta CPS Priority Support.",
            "product.migration.report.summary": "Från det gamla CPS-kontot {number}: {migrated} produkter migrerade, {complete} kompletta, {incomplete} ofullständiga, {points} poäng tilldelade.",
            "product.migration.report.incomplete": "{model} ({serial}): ingen grön bock ännu – saknas: {missing}. Klicka på ”Visa produkt” och fyll i.",
            "product.migration.report.notInCatalog": "{model} ({serial}): migrerad utan poäng, modellen finns inte i katalogen.",
            "product.migration.report.conflict": "{model} ({serial}): inte migrerad, den är registrerad av ett annat konto. Kontakta CPS Priority Support.",
            "product.migration.report.invalid": "{model} ({serial}): inte migrerad, modellen eller serienumret kan inte läsas. Registrera den igen under ”Mina produkter”.",
        ])

    /// The invitation to join CPS at the threshold (R-INV-1), in the seed's words. Part "email", keyed
    /// `email.invitation.…` so that ``MailComposer`` finds the template `invitation`.
    static let invitationEmail = TextTable(
        part: "email",
        english: [
            "email.invitation.subject": "You are invited to join CPS",
            "email.invitation.body": """
                Hello,

                {company} now has {points} points. As soon as you have at least {threshold} points on your account you get an invitation to join CPS — this is it.

                You can now see all available membership levels under "Available CPS levels". The more points you have, the more levels are open to you.

                Canon Professional Services
                """,
        ],
        swedish: [
            "email.invitation.subject": "Du är inbjuden att gå med i CPS",
            "email.invitation.body": """
                Hej!

                {company} har nu {points} poäng. Så snart du har minst {threshold} poäng på ditt konto får du en inbjudan att gå med i CPS – här är den.

                Då kan du se alla tillgängliga medlemsnivåer under ”Tillgängliga CPS-nivåer”. Ju fler poäng du har, desto fler nivåalternativ är öppna för dig.

                Canon Professional Services
                """,
        ])
}
