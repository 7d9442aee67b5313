import Foundation

/// A correction of a user's personal data (R-GDPR-2, rectification): each field given replaces the
/// stored one; a field left `nil` stays.
public struct Rectification: Equatable, Sendable, Codable {
    /// The corrected name.
    public var name: String?
    /// The corrected e-mail address (the login).
    public var email: String?
    /// The corrected language for mails and texts.
    public var language: Language?

    /// A correction of the fields given.
    public init(name: String? = nil, email: String? = nil, language: Language? = nil) {
        self.name = name
        self.email = email
        self.language = language
    }
}
