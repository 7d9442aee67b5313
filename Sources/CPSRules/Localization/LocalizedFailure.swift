/// An error whose message comes from the ``TextCatalog`` in the reader's language (SPEC §12, R-MSG-1).
///
/// Every error CPSKit throws at a caller conforms, and every one has the same shape: a struct with a
/// `reason` (static members over a private representation, so a reason added later breaks no
/// client's code), a stable ``code`` for programs and logs — never shown to a person — a
/// ``category`` (refusal, failure, configuration), and a catalog key with typed facts for people.
/// `description` is the English text, so `print(error)` is readable; ``message(in:catalog:)`` gives
/// any language.
///
/// ```swift
/// do { try await services.onboarding.submit(id, as: applicant) }
/// catch let error as ApplicationError {
///     guard error.reason == .attestationMissing else { throw error }
///     show(error.message(in: user.language))
/// }
/// ```
public protocol LocalizedFailure: Error, Sendable, CustomStringConvertible {
    /// A stable machine-readable code, e.g. `"vat.badCheckDigit"`: for APIs and logs, never for a
    /// person.
    var code: String { get }
    /// Whether the request was refused, something failed, or the host is set up wrongly.
    var category: FailureCategory { get }
    /// The catalog key of the message.
    var textKey: TextKey { get }
    /// The typed facts that fill the message's placeholders, formatted at render time (R-MSG-1).
    var messageArguments: [String: MessageArgument] { get }
}

extension LocalizedFailure {
    /// The message in `language` (English where the language has no table).
    public func message(in language: Language, catalog: TextCatalog = .standard) -> String {
        catalog.render(textKey, arguments: messageArguments, in: language)
    }

    /// The facts formatted in English, as plain text (kept for callers of CPSKit 0.x; prefer
    /// ``messageArguments``).
    public var textArguments: [String: String] {
        messageArguments.mapValues { TextCatalog.standard.format($0, in: .english) }
    }

    /// The English message.
    public var description: String { message(in: .english) }
}
