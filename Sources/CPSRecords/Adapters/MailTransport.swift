/// Delivers one rendered mail to the outside world: SMTP, a mail API, a maildir, an in-memory box
/// (R-ADP-2).
///
/// Rules for implementations, checked by `MailTransportConformance` in `CPSKitTesting`:
/// - Return only when the mail was accepted for delivery; throw otherwise.
/// - A mail may arrive again after a failure or time-out (delivery is at least once); use
///   ``MailMessage/messageID`` to deliver it only once where the transport can.
/// - Throw ``MailTransportError`` with `permanent == true` only when a retry cannot succeed.
public protocol MailTransport: Sendable {
    /// Delivers `message`.
    func deliver(_ message: MailMessage) async throws(MailTransportError)
}

/// Why a transport did not deliver a mail (R-ADP-2).
public struct MailTransportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Whether a retry cannot succeed (e.g. the recipient address was refused).
    public let permanent: Bool
    /// What happened, for the outbox record and logs.
    public let detail: String

    /// Creates an error.
    public init(permanent: Bool = false, detail: String) {
        self.permanent = permanent
        self.detail = detail
    }

    public var description: String { (permanent ? "permanent: " : "temporary: ") + detail }
}
