/// An error whose message comes from the ``TextCatalog`` in the user's language (SPEC §12).
///
/// Every error CPSKit throws at a caller conforms: it carries a stable ``code`` for programs, and a
/// catalog key with its facts for people. `description` is the English text, so `print(error)` and
/// logs are readable; ``message(in:catalog:)`` gives any language.
public protocol LocalizedFailure: Error, Sendable, CustomStringConvertible {
    /// A stable machine-readable code, e.g. `"vat.checkDigit"`.
    var code: String { get }
    /// The catalog key of the message.
    var textKey: TextKey { get }
    /// The facts that fill the message's placeholders.
    var textArguments: [String: String] { get }
}

extension LocalizedFailure {
    /// The message in `language` (English where the language has no table).
    public func message(in language: Language, catalog: TextCatalog = .standard) -> String {
        catalog.render(textKey, textArguments, in: language)
    }

    /// The English message.
    public var description: String { message(in: .english) }
}
