import Foundation

/// A mail waiting in, or delivered from, the outbox (R-ADP-2).
///
/// Services insert an `OutboxMail` in the same ``WriteBatch`` as the state change that sends it, so
/// the mail exists exactly when the change does. The dispatcher then delivers it at least once and
/// records the delivery; a mail recorded as delivered is never sent again.
public struct OutboxMail: StoredRecord, Hashable {
    /// The type of the record's ID (stored as the bare string).
    public typealias ID = Identifier<OutboxMail>

    /// Whether the mail still has to be delivered.
    public enum Status: String, Codable, Sendable, Hashable {
        /// Not yet confirmed delivered.
        case pending
        /// Confirmed delivered; never sent again.
        case delivered
        /// Refused permanently by the transport (e.g. a rejected address); kept for inspection.
        case failed
    }

    public static let kind = "outbox"
    /// Index key of the mails still to deliver.
    public static let pendingIndex = byStatus(.pending)

    /// The record ID (also the base of the Message-ID).
    public let id: ID
    /// The mail.
    public var message: MailMessage
    /// Delivery status.
    public var status: Status
    /// Delivery attempts so far.
    public var attempts: Int
    /// Not to be tried again before this instant (backoff).
    public var nextAttemptAt: Date
    /// The last transport error, if any.
    public var lastError: String?
    /// When the delivery was confirmed.
    public var deliveredAt: Date?
    /// The ``PasswordToken`` whose link the mail carries, if any (R-ID-3). The outbox keeps only this
    /// reference: the body holds ``MailMessage/passwordLinkPlaceholder`` and the dispatcher puts the
    /// link in at delivery, so no link is ever written to the store.
    public var passwordTokenID: String?
    /// The ``Invoice`` the mail announces, if any (R-BIL-2, R-IDOC-1). The outbox keeps only this
    /// reference: the dispatcher renders the invoice's text (appended to the body) and its PDF (an
    /// attachment) at delivery, so no document bytes are written to the store.
    public var invoiceID: Invoice.ID?

    /// A new pending mail.
    package init(id: ID, message: MailMessage, passwordTokenID: String? = nil) {
        self.id = id
        self.message = message
        self.passwordTokenID = passwordTokenID
        self.invoiceID = nil
        self.status = .pending
        self.attempts = 0
        self.nextAttemptAt = message.date
        self.lastError = nil
        self.deliveredAt = nil
    }

    public var indexKeys: [String] {
        var keys = [Self.byStatus(status).rawValue, Self.byTemplate(message.template).rawValue]
        keys += message.to.map { Self.byRecipient($0.email).rawValue }
        return keys
    }

    /// The index key of the mails in `status`.
    public static func byStatus(_ status: Status) -> IndexKey<OutboxMail> { IndexKey("outbox:\(status.rawValue)") }
    /// The index key of the mails of the template `template`.
    public static func byTemplate(_ template: String) -> IndexKey<OutboxMail> { IndexKey("template:\(template)") }
    /// The index key of the mails to `email` (its normalised key).
    public static func byRecipient(_ email: EmailAddress) -> IndexKey<OutboxMail> { IndexKey("to:\(email.key)") }
}
