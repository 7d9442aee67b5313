/// The texts that one part of the library contributes to the catalog, in every complete language.
///
/// Each part (applications, evidence, VAT, calendar, mail, …) declares its table in
/// `Localization/Parts/`; ``TextCatalog/standard`` joins them into one catalog per language. Keeping a
/// part's Swedish and English side by side makes a missing translation visible in review, and the
/// completeness test (`TextCatalogTests`) fails on any key present in one language but not the other.
///
/// Templates use `{name}` placeholders, filled by ``TextCatalog/render(_:_:in:)``.
public struct TextTable: Sendable {
    /// The part's name, for diagnostics ("vat", "evidence").
    public let part: String
    /// English templates by key.
    public let english: [String: String]
    /// Swedish templates by key.
    public let swedish: [String: String]

    /// Creates a table from its English and Swedish templates.
    public init(part: String, english: [String: String], swedish: [String: String]) {
        self.part = part
        self.english = english
        self.swedish = swedish
    }
}
