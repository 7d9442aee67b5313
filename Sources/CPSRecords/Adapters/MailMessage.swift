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
    /// The files sent with the mail (R-BIL-2): made by the dispatcher at delivery (the invoice's PDF),
    /// empty in the outbox.
    public var attachments: [MailAttachment]

    /// What stands for the password link in a mail waiting in the outbox (R-ID-3): in the body and in
    /// `facts["link"]`. The mail dispatcher replaces it with the link when it delivers the mail, so a
    /// transport always receives the real link and the store never holds it.
    public static let passwordLinkPlaceholder = "[password link]"

    /// Creates a message.
    public init(messageID: String, from: MailAddress, to: [MailAddress], subject: String, body: String,
                language: Language, template: String, facts: [String: String] = [:], date: Date,
                attachments: [MailAttachment] = []) {
        self.messageID = messageID
        self.from = from
        self.to = to
        self.subject = subject
        self.body = body
        self.language = language
        self.template = template
        self.facts = facts
        self.date = date
        self.attachments = attachments
    }

    private enum CodingKeys: String, CodingKey {
        case messageID, from, to, subject, body, language, template, facts, date, attachments
    }

    /// Decodes a message; one stored without attachments (every outbox mail) has none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messageID = try container.decode(String.self, forKey: .messageID)
        from = try container.decode(MailAddress.self, forKey: .from)
        to = try container.decode([MailAddress].self, forKey: .to)
        subject = try container.decode(String.self, forKey: .subject)
        body = try container.decode(String.self, forKey: .body)
        language = try container.decode(Language.self, forKey: .language)
        template = try container.decode(String.self, forKey: .template)
        facts = try container.decode([String: String].self, forKey: .facts)
        date = try container.decode(Date.self, forKey: .date)
        attachments = try container.decodeIfPresent([MailAttachment].self, forKey: .attachments) ?? []
    }

    /// Encodes the message; `attachments` only when there are some, so stored mails keep their form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(messageID, forKey: .messageID)
        try container.encode(from, forKey: .from)
        try container.encode(to, forKey: .to)
        try container.encode(subject, forKey: .subject)
        try container.encode(body, forKey: .body)
        try container.encode(language, forKey: .language)
        try container.encode(template, forKey: .template)
        try container.encode(facts, forKey: .facts)
        try container.encode(date, forKey: .date)
        if !attachments.isEmpty { try container.encode(attachments, forKey: .attachments) }
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
