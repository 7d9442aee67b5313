/// A policy value that is valid but unsuitable for production (R-UOW-3), e.g. one retry only.
///
/// Its explanation is a catalog text in the reader's language (R-MSG-1): ``message(in:catalog:)``;
/// ``problem`` is the English text, for logs and the ``CPSEvent/policyWarning(field:problem:)`` event.
public struct PolicyWarning: Hashable, Sendable {
    /// The dotted field, e.g. `retries.attempts`.
    public let field: String
    /// The catalog key of the explanation.
    public let textKey: TextKey
    /// The typed facts of the explanation.
    public let messageArguments: [String: MessageArgument]

    /// Creates a warning explained by the catalog text `textKey` with `arguments`.
    public init(field: String, textKey: TextKey, arguments: [String: MessageArgument] = [:]) {
        self.field = field
        self.textKey = textKey
        self.messageArguments = arguments
    }

    /// Why the value is unsuitable, in `language`.
    public func message(in language: Language, catalog: TextCatalog = .standard) -> String {
        catalog.render(textKey, arguments: messageArguments, in: language)
    }

    /// Why the value is unsuitable, in English.
    public var problem: String { message(in: .english) }
}
