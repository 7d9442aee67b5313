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

    /// What stands for the password link in a mail waiting in the outbox (R-ID-3): in the body and in
    /// `facts["link"]`. The mail dispatcher replaces it with the link when it delivers the mail, so a
    /// transport always receives the real link and the store never holds it.
    public static let passwordLinkPlaceholder = "[password link]"

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
