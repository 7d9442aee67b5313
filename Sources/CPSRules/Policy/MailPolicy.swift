/// Who the journey's e-mails come from, and the link they carry (R-VAL-3).
public struct MailPolicy: Hashable, Codable, Sendable {
    /// The sender of every automatic e-mail. Default `donotreply@canon-europe.com` (seed step 5).
    public var sender: EmailAddress
    /// The sender's display name. Default "Canon".
    public var senderName: String
    /// The password-set link, with `{token}` where the token goes. The default is a placeholder
    /// address of the host's portal; set the real one.
    public var passwordLinkTemplate: String

    /// Creates a policy.
    public init(sender: EmailAddress, senderName: String, passwordLinkTemplate: String) {
        self.sender = sender
        self.senderName = senderName
        self.passwordLinkTemplate = passwordLinkTemplate
    }
}
