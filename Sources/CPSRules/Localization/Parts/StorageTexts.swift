extension TextTable {
    /// Texts of the storage adapters (R-ADP-1). Technical details stay in the error, for logs.
    static let storage = TextTable(
        part: "storage",
        english: [
            "storage.error.conflict": "Someone else changed the same information at the same time. Nothing was changed; load it again and retry.",
            "storage.error.uniqueKeyTaken": "This is already registered. Nothing was changed.",
            "storage.error.invalidBatch": "The change could not be saved because it was not put together correctly. Nothing was changed.",
            "storage.error.locked": "The data store is in use by another program. Close it, or wait until it has finished, and try again.",
            "storage.error.unsupportedVersion": "The data store was written by a newer version of CPSKit and cannot be opened by this one.",
            "storage.error.corrupt": "The stored data is damaged and cannot be read.",
            "storage.error.unavailable": "The data could not be saved or read right now. Try again in a moment.",
            "storage.error.lockLost": "The data store's lock file was removed or replaced while it was open. Nothing more is saved until the store is opened again; what was saved is kept.",
            "storage.error.outOfOrder": "The stored data contains a change that is out of order (repeated or outdated), so it is not read. Restore a backup or contact support.",
            "storage.error.incomplete": "Files of the data store are missing, so it is not opened. Restore a backup or contact support.",
            "storage.error.invalidOption": "The data store is set up with an invalid value. Correct the set-up and try again.",
        ],
        swedish: [
            "storage.error.conflict": "Någon annan ändrade samma uppgifter samtidigt. Inget har ändrats; läs in dem igen och försök på nytt.",
            "storage.error.uniqueKeyTaken": "Detta är redan registrerat. Inget har ändrats.",
            "storage.error.invalidBatch": "Ändringen kunde inte sparas eftersom den inte var rätt sammansatt. Inget har ändrats.",
            "storage.error.locked": "Datalagret används av ett annat program. Stäng det, eller vänta tills det är klart, och försök igen.",
            "storage.error.unsupportedVersion": "Datalagret skrevs av en nyare version av CPSKit och kan inte öppnas av den här.",
            "storage.error.corrupt": "De lagrade uppgifterna är skadade och kan inte läsas.",
            "storage.error.unavailable": "Uppgifterna kunde inte sparas eller läsas just nu. Försök igen om en stund.",
            "storage.error.lockLost": "Datalagrets låsfil togs bort eller byttes ut medan det var öppet. Inget mer sparas förrän lagret öppnas igen; det som redan sparats finns kvar.",
            "storage.error.outOfOrder": "De lagrade uppgifterna innehåller en ändring i fel ordning (upprepad eller inaktuell), så de läses inte. Återställ en säkerhetskopia eller kontakta supporten.",
            "storage.error.incomplete": "Filer i datalagret saknas, så det öppnas inte. Återställ en säkerhetskopia eller kontakta supporten.",
            "storage.error.invalidOption": "Datalagret är inställt med ett ogiltigt värde. Rätta inställningen och försök igen.",
        ])
}
