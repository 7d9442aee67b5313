/// Whole numbers as people read them in a language (R-GUIDE-1): Swedish groups thousands with a
/// space ("2 500"), English and every other language with a comma ("2,500"). Deterministic: no
/// platform locale data, the same separators as ``Money/formatted(in:)``.
public enum LocalizedNumber {
    /// `value` with thousands grouped for `language` (R-GUIDE-1, R-MSG-1): a no-break space (U+00A0)
    /// in Swedish, a comma in English; the same as `TextCatalog.format(_:in:)` writes a count.
    public static func format(_ value: Int, in language: Language) -> String {
        TextCatalog.grouped(value, in: language)
    }
}
