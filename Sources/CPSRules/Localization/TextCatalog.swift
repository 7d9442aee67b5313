import Foundation

/// The catalog of every user-facing text: one table per language (SPEC §1, R-GUIDE-1).
///
/// Swedish and English are complete; ``render(_:_:in:)`` falls back to English for any language
/// without a table, and to the key itself only if a key is missing everywhere (a test prevents that).
/// Adding a language is adding a table with ``adding(_:texts:)``.
///
/// ```swift
/// let catalog = TextCatalog.standard
/// catalog.render("application.error.attestationMissing", [:], in: .swedish)
/// ```
public struct TextCatalog: Sendable {
    private var tables: [Language: [String: String]]

    /// Creates a catalog from complete tables per language.
    public init(tables: [Language: [String: String]]) { self.tables = tables }

    /// The catalog that ships with CPSKit: every part's table, in Swedish and English.
    public static let standard: TextCatalog = {
        var english: [String: String] = [:]
        var swedish: [String: String] = [:]
        for table in TextCatalog.parts {
            english.merge(table.english) { first, _ in first }
            swedish.merge(table.swedish) { first, _ in first }
        }
        return TextCatalog(tables: [.english: english, .swedish: swedish])
    }()

    /// The languages that have a table.
    public var languages: [Language] { tables.keys.sorted { $0.code < $1.code } }

    /// Every key of `language`'s table.
    public func keys(of language: Language) -> Set<String> { Set(tables[language]?.keys ?? [:].keys) }

    /// A copy with `texts` as the table for `language` (replacing any table it had).
    public func adding(_ language: Language, texts: [String: String]) -> TextCatalog {
        var copy = self
        copy.tables[language] = texts
        return copy
    }

    /// The raw template for `key` in `language`, falling back to English.
    public func template(_ key: TextKey, in language: Language) -> String? {
        tables[language]?[key.rawValue] ?? tables[.english]?[key.rawValue]
    }

    /// The text for `key` in `language` with its `{name}` placeholders filled from `arguments`.
    ///
    /// A placeholder without an argument is left as written, so a missing fact is visible rather than
    /// silently blank.
    public func render(_ key: TextKey, _ arguments: [String: String] = [:], in language: Language) -> String {
        guard let template = template(key, in: language) else { return key.rawValue }
        guard !arguments.isEmpty, template.contains("{") else { return template }
        return fill(template[...], arguments.mapValues(MessageArgument.text), in: language, hash: nil)
    }

    /// Fills `{name}` placeholders of `template` with text arguments in one pass.
    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        return TextCatalog.standard.fill(template[...], arguments.mapValues(MessageArgument.text), in: .english, hash: nil)
    }

    /// The text for `key` in `language` with its placeholders filled from typed `arguments`, each
    /// formatted for `language` (R-MSG-1).
    ///
    /// A placeholder is `{name}`, or `{name, plural, one {…} few {…} many {…} other {…}}`, which picks
    /// the form of the count `name` by ``PluralCategory/of(_:in:)`` (falling back to `other`); inside
    /// a form `#` is the count, formatted. A placeholder without an argument is left as written.
    public func render(_ key: TextKey, arguments: [String: MessageArgument], in language: Language) -> String {
        guard let template = template(key, in: language) else { return key.rawValue }
        return fill(template[...], arguments, in: language, hash: nil)
    }

    /// `argument` written for `language`: a number with digit groups, a country or a field by its
    /// name, a day in words, a list joined with "and" (R-MSG-1).
    public func format(_ argument: MessageArgument, in language: Language) -> String {
        switch argument {
        case let .text(text): return text
        case let .count(value), let .number(value): return TextCatalog.grouped(value, in: language)
        case let .money(money): return money.formatted(in: language)
        case let .day(day):
            return render("common.format.date", [
                "day": String(day.day),
                "month": render(TextKey("common.month.\(day.month)"), in: language),
                "year": String(day.year),
            ], in: language)
        case let .country(country): return countryName(country, in: language)
        case let .field(field):
            return template(field.textKey, in: language) ?? TextCatalog.words(field.rawValue)
        case let .term(key, arguments): return render(key, arguments: arguments, in: language)
        case let .list(items): return join(items, last: "common.list.and", in: language)
        case let .alternatives(items): return join(items, last: "common.list.or", in: language)
        }
    }

    /// The name of `country` in `language`: the catalog's `common.country.<code>` when it has one,
    /// else the name the platform's locale data gives, else the code.
    public func countryName(_ country: CountryCode, in language: Language) -> String {
        if let name = tables[language]?["common.country.\(country.code)"] { return name }
        let locale = Locale(identifier: language.code)
        if let name = locale.localizedString(forRegionCode: country.code), name != country.code { return name }
        return template(TextKey("common.country.\(country.code)"), in: language) ?? country.code
    }

    /// `value` with the language's digit groups of three: a no-break space (U+00A0) in Swedish and the
    /// other languages that group with a space ("2 501"), a comma in English ("2,501"), a point in
    /// German and its neighbours.
    package static func grouped(_ value: Int, in language: Language) -> String {
        let digits = String(value.magnitude)
        let separator: String
        switch language.code {
        case "en": separator = ","
        case "de", "nl", "it", "es", "da", "pt": separator = "."
        default: separator = "\u{00A0}"
        }
        var result = value < 0 ? "-" : ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += separator }
            result.append(character)
        }
        return result
    }

    /// A camelCase or dotted raw name split into lower-case words, the last resort for a field
    /// without a catalog name ("postalCode" → "postal code").
    static func words(_ raw: String) -> String {
        var result = ""
        for character in raw {
            if character == "." || character == "_" { result += " "; continue }
            if character.isUppercase { result += " " + character.lowercased() } else { result.append(character) }
        }
        return result.trimmingCharacters(in: .whitespaces)
    }

    private func join(_ items: [MessageArgument], last: TextKey, in language: Language) -> String {
        let texts = items.map { format($0, in: language) }
        guard texts.count > 1, let final = texts.last else { return texts.first ?? "" }
        return texts.dropLast().joined(separator: ", ") + " " + render(last, in: language) + " " + final
    }

    /// Fills the placeholders of `template`; `hash` is the formatted count inside a plural form.
    func fill(_ template: Substring, _ arguments: [String: MessageArgument], in language: Language,
              hash: String?) -> String {
        guard template.contains("{") || (hash != nil && template.contains("#")) else { return String(template) }
        var result = ""
        result.reserveCapacity(template.utf8.count + 16)
        var index = template.startIndex
        while index < template.endIndex {
            let character = template[index]
            if character == "#", let hash {
                result += hash
                index = template.index(after: index)
                continue
            }
            guard character == "{", let close = TextCatalog.matchingBrace(in: template, from: index) else {
                result.append(character)
                index = template.index(after: index)
                continue
            }
            let body = template[template.index(after: index)..<close]
            result += placeholder(body, whole: template[index...close], arguments, in: language)
            index = template.index(after: close)
        }
        return result
    }

    /// One placeholder's text: `name` or `name, plural, forms`.
    private func placeholder(_ body: Substring, whole: Substring, _ arguments: [String: MessageArgument],
                             in language: Language) -> String {
        let parts = body.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
        let name = parts[0].trimmingWhitespace()
        guard let argument = arguments[name] else { return String(whole) }
        guard parts.count == 3, parts[1].trimmingWhitespace() == "plural",
              let count = argument.pluralValue else { return format(argument, in: language) }
        let forms = TextCatalog.pluralForms(parts[2])
        let category = PluralCategory.of(count, in: language)
        guard let form = forms[category.rawValue] ?? forms["other"] else { return String(whole) }
        return fill(form, arguments, in: language, hash: format(argument, in: language))
    }

    /// The index of the `}` that closes the `{` at `open`, counting nested braces.
    private static func matchingBrace(in text: Substring, from open: Substring.Index) -> Substring.Index? {
        var depth = 0
        var index = open
        while index < text.endIndex {
            if text[index] == "{" { depth += 1 }
            if text[index] == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// `one {…} few {…} other {…}` as forms by category name.
    private static func pluralForms(_ text: Substring) -> [String: Substring] {
        var forms: [String: Substring] = [:]
        var rest = text[...]
        while let open = rest.firstIndex(of: "{"), let close = matchingBrace(in: rest, from: open) {
            let name = rest[..<open].trimmingCharacters(in: .whitespaces)
            forms[name] = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
        }
        return forms
    }
}
