/// A value a person sees by name (R-MSG-1): a document kind, a field, a level, a status, a payment
/// method. Its name comes from the catalog in the reader's language, never from the Swift case name.
///
/// ```swift
/// EvidenceKind.companyInvoice.name(in: .swedish)             // "företagsfaktura"
/// CPSLevel.gold.name(in: .english, catalog: context.catalog)  // a host's added language too
/// ```
public protocol LocalizedName: Sendable {
    /// The catalog key of the value's name.
    var nameKey: TextKey { get }
}

extension LocalizedName {
    /// The value's name in `language`, from `catalog` (the standard texts unless the host passes the
    /// context's catalog); a language without a table reads English.
    public func name(in language: Language, catalog: TextCatalog = .standard) -> String {
        catalog.render(nameKey, in: language)
    }
}
