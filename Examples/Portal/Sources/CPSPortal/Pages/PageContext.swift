import CPSKit

/// What every page knows about its request: the reader's language, the catalog, the session (if
/// any) and its CSRF token, and the path, for the language switch.
public struct PageContext: Sendable {
    /// The reader's language.
    public let language: Language
    /// The catalog with the portal's texts.
    public let catalog: TextCatalog
    /// The signed-in session, if any.
    public let session: PortalSession?
    /// The CSRF token of the session, if any (every form carries it).
    public let csrfToken: String?
    /// The request's path (without the query).
    public let path: String

    /// A context.
    public init(language: Language, catalog: TextCatalog, session: PortalSession?, csrfToken: String?, path: String) {
        self.language = language
        self.catalog = catalog
        self.session = session
        self.csrfToken = csrfToken
        self.path = path
    }

    /// The portal text `key` in the reader's language.
    public func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        catalog.render(TextKey(key), arguments, in: language)
    }

    /// The hidden CSRF field of a form ("" without a session).
    public var csrfField: HTML {
        guard let csrfToken else { return .empty }
        return "<input type=\"hidden\" name=\"\(PortalSessions.csrfField)\" value=\"\(csrfToken)\">"
    }
}
