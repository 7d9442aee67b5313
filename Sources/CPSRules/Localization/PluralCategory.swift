/// A CLDR plural category (Unicode TR35, "Language Plural Rules"): which form of a word a count
/// takes in a language (R-MSG-1).
///
/// English and Swedish use `one` and `other` ("1 point", "2 points"); Polish uses `one`, `few`, `many`
/// ("1 punkt", "2 punkty", "5 punktów"); Czech `one`, `few`, `other`. A template names the forms it
/// needs — `{points, plural, one {# point} other {# points}}` — and a missing form falls back to
/// `other`, so a language table can be added without touching the code.
public enum PluralCategory: String, Hashable, Sendable, CaseIterable {
    /// CLDR `zero`.
    case zero
    /// CLDR `one`.
    case one
    /// CLDR `two`.
    case two
    /// CLDR `few`.
    case few
    /// CLDR `many`.
    case many
    /// CLDR `other`: every language has it.
    case other

    /// The category of the whole number `count` in `language` (CLDR 46 rules for integers).
    ///
    /// Polish and Czech have their tables; Swedish, English, German, Danish, Norwegian, Dutch,
    /// Finnish, Italian, Spanish and the other `one`/`other` languages share the default;
    /// French and Portuguese count 0 and 1 as `one`.
    public static func of(_ count: Int, in language: Language) -> PluralCategory {
        let n = count.magnitude
        let lastDigit = n % 10, lastTwo = n % 100
        switch language.code {
        case "pl":
            if n == 1 { return .one }
            if (2...4).contains(lastDigit), !(12...14).contains(lastTwo) { return .few }
            return .many
        case "cs", "sk":
            if n == 1 { return .one }
            if (2...4).contains(n) { return .few }
            return .other
        case "fr", "pt":
            return n <= 1 ? .one : .other
        case "ja", "zh", "ko":
            return .other
        default:
            return n == 1 ? .one : .other
        }
    }
}
