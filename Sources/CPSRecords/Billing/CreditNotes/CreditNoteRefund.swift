import Foundation

/// The refund of a credit note's credited part (R-LIFE-5), kept on the ``CreditNote`` it returns.
///
/// A card refund is **claimed before** the gateway is called (`pending`, a lease, the key
/// `cps-refund:<credit note number>:<n>`) and completed with the gateway's answer afterwards; a refund
/// whose call timed out stays `pending` without a lease, so the next request repeats it with the
/// **same** key and the gateway refunds once. A bank refund is only recorded: a person paid it back.
public struct CreditNoteRefund: Hashable, Codable, Sendable {
    /// How the money went back.
    public enum Method: String, Codable, Sendable, CaseIterable {
        /// Onto the card of the invoice's charge, through the payment gateway.
        case card
        /// By a bank transfer a person made; recorded, never called.
        case bankTransfer
    }

    /// Where the refund stands.
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        /// Claimed; the gateway has not answered (yet): the next request repeats it with the same key.
        case pending
        /// The gateway refunded it.
        case refunded
        /// The gateway refused this attempt; the amount is account credit again, and a new request
        /// makes the next attempt (a new key).
        case refused
        /// A person recorded the bank transfer that paid it back.
        case recorded
    }

    /// Card or bank transfer.
    public let method: Method
    /// The amount returned: the credit note's credited part, for a card refund at most what the
    /// card charge captured and not yet refunded (the part the account credit prepaid stays credit).
    public let amount: Money
    /// 1, then one more for each new request after a refusal (each attempt its own key).
    public let attemptNumber: Int
    /// `cps-refund:<credit note number>:<attempt>` for a card refund; `nil` for a bank refund.
    public let idempotencyKey: String?
    /// The gateway's transaction ID of the charge refunded (card).
    public let transactionID: String?
    /// The outcome so far.
    public var outcome: Outcome
    /// The gateway's refund ID, or the bank transfer's reference.
    public var refundID: String?
    /// Gateway calls made (more than one after timeouts).
    public var calls: Int
    /// The refusal reason or the last gateway error.
    public var detail: String?
    /// No other request calls the gateway for this refund before this instant; `nil` when not held.
    public var leaseUntil: Date?
    /// When it was claimed or recorded.
    public let startedAt: Date
    /// When the outcome became final.
    public var finishedAt: Date?
    /// Who asked for it, as ``Principal/description``.
    public let requestedBy: String

    /// A card refund, claimed and pending.
    package static func card(creditNoteNumber: String, transactionID: String, amount: Money, attemptNumber: Int = 1,
                             at now: Date, leaseUntil: Date, by principal: Principal) -> CreditNoteRefund {
        CreditNoteRefund(method: .card, amount: amount, attemptNumber: attemptNumber,
                         idempotencyKey: RefundRequest.idempotencyKey(creditNote: creditNoteNumber, attemptNumber: attemptNumber),
                         transactionID: transactionID, outcome: .pending, refundID: nil, calls: 0, detail: nil,
                         leaseUntil: leaseUntil, startedAt: now, finishedAt: nil, requestedBy: principal.description)
    }

    /// A bank refund, recorded.
    package static func bank(amount: Money, reference: String, at now: Date, by principal: Principal) -> CreditNoteRefund {
        CreditNoteRefund(method: .bankTransfer, amount: amount, attemptNumber: 1, idempotencyKey: nil, transactionID: nil,
                         outcome: .recorded, refundID: reference, calls: 0, detail: nil, leaseUntil: nil, startedAt: now,
                         finishedAt: now, requestedBy: principal.description)
    }

    /// Whether money went back (refunded by the gateway or recorded as a bank transfer).
    public var isDone: Bool { outcome == .refunded || outcome == .recorded }
}
