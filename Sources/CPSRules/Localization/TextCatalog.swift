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
        return TextCatalog.fill(template, arguments)
    }

    /// Fills `{name}` placeholders of `template` in one pass.
    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var result = ""
        result.reserveCapacity(template.utf8.count + 16)
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}") else {
                result += rest[open...]
                return result
            }
            let name = String(rest[afterOpen..<close])
            if let value = arguments[name] { result += value } else { result += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }
}
