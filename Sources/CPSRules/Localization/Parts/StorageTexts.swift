extension TextTable {
    /// Texts of the storage adapters (R-ADP-1).
    static let storage = TextTable(
        part: "storage",
        english: [
            "storage.error.conflict": "Someone else changed the same {kind} at the same time. Nothing was changed; load it again and retry.",
            "storage.error.uniqueKeyTaken": "This is already registered ({subject}). Nothing was changed.",
            "storage.error.locked": "The data store is in use by another process: {detail}",
            "storage.error.unsupportedVersion": "The data store was written by a newer version of CPSKit and cannot be opened: {detail}",
            "storage.error.corrupt": "The stored data is damaged: {detail}",
            "storage.error.unavailable": "The data could not be saved or read: {detail}",
        ],
        swedish: [
            "storage.error.conflict": "Någon annan ändrade samma {kind} samtidigt. Inget har ändrats; läs in den igen och försök på nytt.",
            "storage.error.uniqueKeyTaken": "Detta är redan registrerat ({subject}). Inget har ändrats.",
            "storage.error.locked": "Datalagret används av en annan process: {detail}",
            "storage.error.unsupportedVersion": "Datalagret skrevs av en nyare version av CPSKit och kan inte öppnas: {detail}",
            "storage.error.corrupt": "De lagrade uppgifterna är skadade: {detail}",
            "storage.error.unavailable": "Uppgifterna kunde inte sparas eller läsas: {detail}",
        ])
}
