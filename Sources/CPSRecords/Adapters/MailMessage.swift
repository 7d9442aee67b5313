import Foundation

/// One e-mail the journey sends, already rendered in the recipient's language (R-ADP-2, R-VAL-3).
///
/// ``messageID`` is fixed when the mail is written to the outbox and stays the same across every
/// delivery attempt, so a transport that honours it delivers the mail once. ``template`` and
/// ``facts`` say which mail it is and with what data, so programs and tests need not parse the text.
public struct MailMessage: Hashable, Codable, Sendable {
    /// The RFC 5322 Message-ID, with angle brackets: `<outbox-1@canon-europe.com>`.
    public var messageID: String
    /// The sender (policy: `donotreply@canon-europe.com`).
    public var from: MailAddress
    /// The recipients.
    public var to: [MailAddress]
    /// The localized subject.
    public var subject: String
    /// The localized plain-text body.
    public var body: String
    /// The language the mail is written in.
    public var language: Language
    /// Which mail this is, e.g. `"account.passwordSet"`.
    public var template: String
    /// The facts the mail carries, e.g. `["link": "https://…", "applicationID": "application-1"]`.
    public var facts: [String: String]
    /// When the mail was written.
    public var date: Date

    /// Creates a message.
    public init(messageID: String, from: MailAddress, to: [MailAddress], subject: String, body: String,
                language: Language, template: String, facts: [String: String] = [:], date: Date) {
        self.messageID = messageID
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.language = language
        self.template = template
        self.facts = facts
        self.date = date
    }
}

extension MailMessage {
    /// The fact that holds a mail's link (``links``, ``passwordLink``).
    public static let linkFact = "link"
    /// The fact that holds the policy's password-link template the link was made from (no secret:
    /// the template has `{token}` where the token goes).
    public static let linkTemplateFact = "linkTemplate"

    /// The links the mail carries, as the transport delivers them (R-ADP-2): read them here, never
    /// from ``body``.
    public var links: [URL] { facts[Self.linkFact].flatMap { URL(string: $0) }.map { [$0] } ?? [] }

    /// The single-use password link of a delivered account-ready, user-invited or password-reset mail
    /// (R-VAL-3, R-PWD-1), with its token; `nil` for any other mail.
    public var passwordLink: PasswordLink? {
        facts[Self.linkFact].flatMap { PasswordLink($0, template: facts[Self.linkTemplateFact]) }
    }
}
