/// One typed fact of a message, formatted when the message is rendered, in the reader's language
/// (R-MSG-1).
///
/// A message never receives a pre-formatted number, an identifier or a code: it receives the value,
/// and ``TextCatalog/render(_:arguments:in:)`` writes it as the language writes it — counts and
/// numbers with the language's digit groups ("2 501" with a no-break space in Swedish, "2,501" in
/// English), money with its currency, dates in words, countries, fields and document kinds by their
/// names. A count also chooses the plural form of a `{name, plural, one {…} other {…}}` placeholder
/// (CLDR plural categories, ``PluralCategory``).
public enum MessageArgument: Hashable, Sendable {
    /// Text shown as given: the reader's own data (a company name, a file name, what they typed) or
    /// catalog data (a model name). Never an identifier or a code.
    case text(String)
    /// A count of things: written as a number and choosing the plural form.
    case count(Int)
    /// A number that is not a count of things (a limit, a year), written with the language's digit
    /// groups.
    case number(Int)
    /// An amount of money with its currency.
    case money(Money)
    /// A day, written in words ("1 December 2026", "1 december 2026").
    case day(CalendarDay)
    /// A country, by its name in the language ("USA" in Swedish, "United States" in English).
    case country(CountryCode)
    /// A form or document field, by its name in the language (``FieldName``).
    case field(FieldName)
    /// A catalog text — a document kind, a level, a status, a rule — with its own typed facts.
    case term(TextKey, [String: MessageArgument] = [:])
    /// Several arguments joined as the language joins a list ("A, B and C", "A, B och C").
    case list([MessageArgument])
    /// Several arguments joined as alternatives ("A, B or C", "A, B eller C").
    case alternatives([MessageArgument])

    /// The count a plural placeholder selects on (``count`` and ``number``), if any.
    var pluralValue: Int? {
        switch self {
        case let .count(value), let .number(value): value
        default: nil
        }
    }
}

extension MessageArgument: ExpressibleByStringLiteral {
    /// A literal is ``text(_:)``.
    public init(stringLiteral value: String) { self = .text(value) }
}

extension MessageArgument: ExpressibleByIntegerLiteral {
    /// A literal is ``count(_:)``.
    public init(integerLiteral value: Int) { self = .count(value) }
}

extension MessageArgument {
    /// Typed arguments from an error's text facts (R-MSG-1): the names in `counts` become counts, in
    /// `days` days (ISO `YYYY-MM-DD`), in `countries` countries, in `terms` the catalog text
    /// `<prefix><value>`; any other fact stays text. A value that does not parse stays text.
    package static func typed(_ facts: [String: String], counts: Set<String> = [], days: Set<String> = [],
                              countries: Set<String> = [], terms: [String: String] = [:]) -> [String: MessageArgument] {
        var arguments: [String: MessageArgument] = [:]
        for (name, value) in facts {
            if counts.contains(name), let count = Int(value) {
                arguments[name] = .count(count)
            } else if days.contains(name), let day = CalendarDay(iso: value) {
                arguments[name] = .day(day)
            } else if countries.contains(name), let country = CountryCode(value) {
                arguments[name] = .country(country)
            } else if let prefix = terms[name] {
                arguments[name] = .term(TextKey(prefix + value))
            } else {
                arguments[name] = .text(value)
            }
        }
        return arguments
    }
}
