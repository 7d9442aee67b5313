import CPSKit

/// A ``PaymentGateway`` whose charges are ``InterleavingStepKind/outsideCall`` steps of an
/// interleaved run (label `charge reference key idempotencyKey`), forwarded to ``base`` once the
/// driver releases the runner. Calls from outside the runners go straight to ``base``.
public struct InterleavingPaymentGateway: PaymentGateway {
    /// The gateway that performs the charges.
    public let base: any PaymentGateway
    /// The controller whose runners' charges are steps.
    public let controller: InterleavingController

    /// Wraps `base`, making its charges steps of `controller`'s runners.
    public init(base: any PaymentGateway, controller: InterleavingController) {
        self.base = base
        self.controller = controller
    }

    /// Waits for the driver, then charges through ``base``.
    public func charge(_ request: ChargeRequest) async throws(PaymentGatewayError) -> ChargeResult {
        await controller.step("charge \(request.reference) key \(request.idempotencyKey)", kind: .outsideCall)
        return try await base.charge(request)
    }

    /// A step, then the base gateway's refund (R-LIFE-5).
    public func refund(_ request: RefundRequest) async throws(PaymentGatewayError) -> RefundResult {
        await controller.step("refund \(request.reference) key \(request.idempotencyKey)", kind: .outsideCall)
        return try await base.refund(request)
    }
}
