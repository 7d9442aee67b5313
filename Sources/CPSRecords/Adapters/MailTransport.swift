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

/// Why a transport did not deliver a mail (R-ADP-2): a `FailureCategory.failure`, with the reason
/// ``Reason/temporary`` (the dispatcher retries) or ``Reason/permanent`` (a retry cannot succeed).
public struct MailTransportError: LocalizedFailure, Equatable {
    /// Whether a retry can succeed.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case temporary, permanent
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``MailTransportError/code``.
        public var description: String { representation.rawValue }

        /// The transport may accept the mail later (a time-out, a busy server).
        public static let temporary = Reason(.temporary)
        /// A retry cannot succeed (e.g. the recipient address was refused).
        public static let permanent = Reason(.permanent)
    }

    /// Whether a retry cannot succeed (e.g. the recipient address was refused).
    public let permanent: Bool
    /// What happened, for the outbox record and logs (never in the message).
    public let detail: String

    /// Creates an error.
    public init(permanent: Bool = false, detail: String) {
        self.permanent = permanent
        self.detail = detail
    }

    /// Creates an error with a reason.
    public init(_ reason: Reason, detail: String) {
        self.init(permanent: reason == .permanent, detail: detail)
    }

    /// ``Reason/permanent`` or ``Reason/temporary``.
    public var reason: Reason { permanent ? .permanent : .temporary }
    /// `mailTransport.<reason>`.
    public var code: String { "mailTransport.\(reason)" }
    /// Always `FailureCategory.failure`.
    public var category: FailureCategory { .failure }
    /// `email.error.<reason>`.
    public var textKey: TextKey { TextKey("email.error.\(reason)") }
    /// None: the detail is for the outbox record and logs.
    public var messageArguments: [String: MessageArgument] { [:] }

    /// `permanent: …` or `temporary: …` and the detail: what the outbox record keeps (unchanged).
    public var description: String { "\(reason): " + detail }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [MailTransportError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .temporary: MailTransportError(.temporary, detail: "421 try again later")
            case .permanent: MailTransportError(.permanent, detail: "550 no such user")
            }
        }
    }
}
