import CPSKit

/// The `cps` tool's stand-in payment gateway (R-BIL-3): `cps` has **no real payment gateway**. Each run
/// of `cps jobs charges` charges through an in-memory gateway that approves every card, or declines
/// every card with `--decline REASON`, so scripts can exercise both paths. Idempotency keys are
/// honoured within the run; across runs the charge attempts recorded in the store keep a retried job
/// from charging twice.
struct CLIPaymentGateway: PaymentGateway {
    let inner = InMemoryPaymentGateway()
    let declineReason: String?

    func charge(_ request: ChargeRequest) async throws(PaymentGatewayError) -> ChargeResult {
        inner.process(request, declining: declineReason)
    }
}
