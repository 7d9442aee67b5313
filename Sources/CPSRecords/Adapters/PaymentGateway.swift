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
/// ``InMemoryPaymentGateway`` is the reference; `FaultInjectingPaymentGateway` (CPSKitTesting) adds
/// declines and timeouts after the charge went through.
public protocol PaymentGateway: Sendable {
    /// Charges the account's card on file, at most once per idempotency key (R-BIL-3).
    func charge(_ request: ChargeRequest) async throws(PaymentGatewayError) -> ChargeResult
}
