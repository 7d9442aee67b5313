extension TextTable {
    /// Texts of policy loading (SPEC §1).
    static let policy = TextTable(
        part: "policy",
        english: ["policy.error.invalid": "The policy is invalid: the field {field} {problem}."],
        swedish: ["policy.error.invalid": "Policyn är ogiltig: fältet {field} är fel ({problem})."])
}
