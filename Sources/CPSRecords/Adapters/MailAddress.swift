/// A mailbox: an address with an optional display name ("Canon <donotreply@canon-europe.com>").
public struct MailAddress: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The address.
    public var email: EmailAddress
    /// The display name, if any.
    public var name: String?

    /// Creates a mailbox.
    public init(_ email: EmailAddress, name: String? = nil) {
        self.email = email
        self.name = name
    }

    public var description: String {
        guard let name, !name.isEmpty else { return email.address }
        return "\(name) <\(email.address)>"
    }
}
