import CPSKit

/// The `cps` tool's stand-in payment gateway (R-BIL-3): `cps` has **no real payment gateway**. Each run
/// of `cps jobs charges` charges through an in-memory gateway that approves every card, or declines
/// every card with `--decline REASON`, so scripts can exercise both paths. Idempotency keys are
/// honoured within the run; across runs the charge attempts recorded in the store keep a retried job
/// from charging twice. `cps refund` refunds through it too: every refund is approved (R-LIFE-5), its
/// refund ID derived from the idempotency key, so a repeated key gets the same ID.
struct CLIPaymentGateway: PaymentGateway {
    let inner = InMemoryPaymentGateway()
    let declineReason: String?

    func charge(_ request: ChargeRequest) async throws(PaymentGatewayError) -> ChargeResult {
        inner.process(request, declining: declineReason)
    }

    func refund(_ request: RefundRequest) async throws(PaymentGatewayError) -> RefundResult {
        .refunded(refundID: "cli-" + request.idempotencyKey)
    }
}
