import Foundation

/// What one ``MailDispatcher/dispatchPending(limit:)`` run did, mail by mail (R-ADP-2).
public struct DispatchReport: Sendable, Hashable, JobReport {
    /// What happened to one outbox mail.
    public enum Outcome: Sendable, Hashable {
        /// The transport accepted the mail and the outbox records it as delivered.
        case delivered
        /// A temporary failure; the mail stays pending and is tried again at `nextAttemptAt`.
        case retryScheduled(nextAttemptAt: Date, error: String)
        /// A permanent failure; the mail is marked `failed` and not tried again.
        case failed(error: String)
        /// Another dispatcher changed the mail first (a version conflict): this run recorded nothing
        /// for it and the other dispatcher's state stands. A conflict on the claim means nothing was
        /// sent; a conflict after a failed attempt means the attempt's error was not recorded.
        case skipped
        /// The outbox record cannot be decoded; it is left untouched for an operator.
        case unreadable(error: String)

        /// The outcome's name without its details (for events, R-UOW-3): `delivered`,
        /// `retryScheduled`, `failed`, `skipped` or `unreadable`.
        public var name: String {
            switch self {
            case .delivered: "delivered"
            case .retryScheduled: "retryScheduled"
            case .failed: "failed"
            case .skipped: "skipped"
            case .unreadable: "unreadable"
            }
        }
    }

    /// One mail's line in the report.
    public struct Entry: Sendable, Hashable {
        /// The outbox record ID.
        public let outboxID: OutboxMail.ID
        /// The mail's Message-ID (empty for an unreadable record).
        public let messageID: String
        /// The attempt number this run made (0 when it made none).
        public let attempt: Int
        /// What happened.
        public let outcome: Outcome

        /// Creates an entry.
        public init(outboxID: OutboxMail.ID, messageID: String, attempt: Int, outcome: Outcome) {
            self.outboxID = outboxID
            self.messageID = messageID
            self.attempt = attempt
            self.outcome = outcome
        }
    }

    /// Every mail the run handled, in the order it handled them (outbox insertion order).
    public var entries: [Entry]

    /// Whether the run stopped at its limit with due mails left (R-UOW-2).
    public var hasMore = false

    /// Creates a report.
    public init(entries: [Entry] = []) { self.entries = entries }

    /// How many mails the run tried (R-UOW-2).
    public var processed: Int { entries.count }

    /// The outbox IDs recorded as delivered by this run.
    public var delivered: [OutboxMail.ID] { ids { if case .delivered = $0 { true } else { false } } }
    /// The outbox IDs that failed temporarily and will be tried again.
    public var retrying: [OutboxMail.ID] { ids { if case .retryScheduled = $0 { true } else { false } } }
    /// The outbox IDs marked `failed` (permanent) by this run.
    public var failed: [OutboxMail.ID] { ids { if case .failed = $0 { true } else { false } } }
    /// The outbox IDs another dispatcher handled first.
    public var skipped: [OutboxMail.ID] { ids { if case .skipped = $0 { true } else { false } } }
    /// The outbox IDs whose records cannot be decoded.
    public var unreadable: [OutboxMail.ID] { ids { if case .unreadable = $0 { true } else { false } } }
    /// Whether the run found nothing to do.
    public var isEmpty: Bool { entries.isEmpty }

    private func ids(_ matching: (Outcome) -> Bool) -> [OutboxMail.ID] {
        entries.filter { matching($0.outcome) }.map(\.outboxID)
    }
}
