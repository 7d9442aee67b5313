extension TextTable {
    /// Texts shared by every part: generic refusals and failures.
    static let common = TextTable(
        part: "common",
        english: [
            "common.error.storage": "The data could not be saved or read: {detail}",
            "common.error.conflict": "Someone else changed this {kind} at the same time. Nothing was changed; load it again and retry.",
            "common.error.notFound": "No {kind} with the ID {id} exists.",
            "common.error.forbidden": "You are not allowed to do this: {reason}",
        ],
        swedish: [
            "common.error.storage": "Uppgifterna kunde inte sparas eller läsas: {detail}",
            "common.error.conflict": "Någon annan ändrade samma {kind} samtidigt. Inget har ändrats; läs in den igen och försök på nytt.",
            "common.error.notFound": "Det finns ingen {kind} med id {id}.",
            "common.error.forbidden": "Du har inte behörighet att göra detta: {reason}",
        ])
}
