import Foundation

/// One card charge of an invoice through the payment gateway (R-BIL-3), recorded **before** the
/// gateway is called and completed with its result afterwards.
///
/// Its ID is `<invoice>-charge-<attempt>` and its ``idempotencyKey`` is derived from the same two
/// facts, so a job run twice, or retried after a timeout, repeats the same key and the gateway never
/// charges twice. A retry after a **decline** is a new attempt with a new key.
public struct ChargeAttempt: StoredRecord, Equatable {
    /// Where the attempt stands.
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        /// Recorded; the gateway has not answered (yet): a later run repeats it with the same key.
        case pending
        /// Charged.
        case succeeded
        /// Declined by the card issuer; retried per policy as a new attempt.
        case declined
    }

    /// The record kind, stable forever (R-ADP-1).
    public static let kind = "charge-attempt"

    /// `<invoice ID>-charge-<attempt number>`.
    public let id: String
    /// The invoice charged.
    public let invoiceID: Invoice.ID
    /// 1 for the charge on the due day, 2… for retries after declines.
    public let attemptNumber: Int
    /// `cps-charge:<invoice ID>:<attempt number>`: the same for every repeat of this attempt (R-BIL-3).
    public let idempotencyKey: String
    /// The amount charged.
    public let amount: Money
    /// When it was first recorded.
    public let startedAt: Date
    /// Gateway calls made for this attempt (more than one after timeouts).
    public var calls: Int
    /// The outcome so far.
    public var outcome: Outcome
    /// The gateway's transaction ID, when charged.
    public var transactionID: String?
    /// The decline reason or the last gateway error.
    public var detail: String?
    /// When the outcome became final.
    public var finishedAt: Date?
    /// While a job's claim holds the attempt (R-UOW-1): no other run calls the gateway for it before
    /// this instant. `nil` once the call's answer is recorded, or after a failed call, so the next
    /// run repeats the attempt with the same key.
    public var leaseUntil: Date?

    /// A pending attempt.
    package init(invoiceID: Invoice.ID, attemptNumber: Int, amount: Money, startedAt: Date) {
        id = ChargeAttempt.id(invoiceID: invoiceID, attemptNumber: attemptNumber)
        self.invoiceID = invoiceID
        self.attemptNumber = attemptNumber
        idempotencyKey = ChargeAttempt.idempotencyKey(invoiceID: invoiceID, attemptNumber: attemptNumber)
        self.amount = amount
        self.startedAt = startedAt
        calls = 0
        outcome = .pending
        transactionID = nil
        detail = nil
        finishedAt = nil
    }

    /// The record ID of attempt `attemptNumber` of `invoiceID`.
    public static func id(invoiceID: Invoice.ID, attemptNumber: Int) -> String { "\(invoiceID)-charge-\(attemptNumber)" }

    /// The idempotency key of attempt `attemptNumber` of `invoiceID` (R-BIL-3).
    public static func idempotencyKey(invoiceID: Invoice.ID, attemptNumber: Int) -> String {
        "cps-charge:\(invoiceID):\(attemptNumber)"
    }

    /// The keys the services look this record up by (R-ADP-1).
    public var indexKeys: [String] { [Self.byInvoice(invoiceID).rawValue] }

    /// The index key of the charge attempts of `invoiceID`.
    public static func byInvoice(_ invoiceID: Invoice.ID) -> IndexKey<ChargeAttempt> { IndexKey("invoice:\(invoiceID)") }
}
