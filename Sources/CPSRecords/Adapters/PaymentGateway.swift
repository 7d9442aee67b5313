/// The card payment adapter (R-BIL-3, SPEC §1 "Adapters are protocols").
///
/// Rules every implementation follows:
///
/// 1. **Idempotency.** A request whose ``ChargeRequest/idempotencyKey`` was seen before is never
///    charged again: the gateway returns the first request's result (Stripe's `Idempotency-Key`,
///    Adyen's `Idempotency-Key` header). Keys are kept at least as long as a job may repeat an attempt.
/// 2. **Final answers only as results.** ``ChargeResult/succeeded(transactionID:)`` and
///    ``ChargeResult/declined(reason:)`` are final. Anything else — a timeout, a 5xx, a dropped
///    connection — is thrown as ``PaymentGatewayError``: the charge may have gone through, and the
///    caller repeats it with the same key.
/// 3. No charge without a request: CPSKit calls ``charge(_:)`` only from the due-charges job, on or
///    after the invoice's due day, never at purchase.
///
/// 4. **Refunds** (R-LIFE-5) follow rules 1 and 2 with ``RefundRequest/idempotencyKey``
///    (`cps-refund:<credit note>:<n>`); the refunds of one charge never total more than it captured
///    (a request above what is left is ``RefundResult/refused(reason:)``).
///
/// ``InMemoryPaymentGateway`` is the reference; `FaultInjectingPaymentGateway` (CPSKitTesting) adds
/// declines and timeouts after the charge went through; `PaymentGatewayConformance` (CPSKitTesting)
/// checks an implementation.
public protocol PaymentGateway: Sendable {
    /// Charges the account's card on file, at most once per idempotency key (R-BIL-3).
    func charge(_ request: ChargeRequest) async throws(PaymentGatewayError) -> ChargeResult

    /// Refunds part or all of an earlier charge, at most once per idempotency key (R-LIFE-5). The
    /// default throws ``PaymentGatewayError/Reason/unavailable``: a gateway without refunds.
    func refund(_ request: RefundRequest) async throws(PaymentGatewayError) -> RefundResult
}

extension PaymentGateway {
    /// A gateway without refunds: always ``PaymentGatewayError/Reason/unavailable`` (R-LIFE-5).
    public func refund(_ request: RefundRequest) async throws(PaymentGatewayError) -> RefundResult {
        throw PaymentGatewayError(.unavailable, detail: "this gateway does not refund")
    }
}
