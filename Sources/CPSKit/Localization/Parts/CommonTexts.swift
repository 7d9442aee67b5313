extension TextTable {
    /// Texts shared by every part: generic refusals and failures.
    static let common = TextTable(
        part: "common",
        english: [
            "common.error.notFound": "No {kind} with the ID {id} exists.",
            "common.error.forbidden": "You are not allowed to do this: {reason}",
        ],
        swedish: [
            "common.error.notFound": "Det finns ingen {kind} med id {id}.",
            "common.error.forbidden": "Du har inte behörighet att göra detta: {reason}",
        ])
}
