import CPSKit

/// A ``PaymentGateway`` for tests of R-BIL-3 that fails on cue: declines, timeouts **before** the
/// charge, and timeouts **after** the charge went through — the case idempotency keys exist for.
///
/// It wraps an ``InMemoryPaymentGateway`` (``inner``), which holds the truth: ``InMemoryPaymentGateway/charges``
/// is the money actually taken. Faults are consumed one per request for a **new** idempotency key;
/// a key seen before is answered by the inner gateway as it first was, without a fault, so a repeat
/// never charges twice.
///
/// ```swift
/// let gateway = FaultInjectingPaymentGateway([.timeoutAfterCharge])
/// // first run: charged, but the job sees a timeout; second run: same key, no second charge
/// gateway.inner.charges.count == 1
/// ```
public final class FaultInjectingPaymentGateway: PaymentGateway {
    /// What happens to one request.
    public enum Fault: Hashable, Sendable {
        /// The issuer declines (R-BIL-3).
        case decline(reason: String)
        /// No answer, and no charge was made.
        case timeoutBeforeCharge
        /// No answer, but the charge **went through**.
        case timeoutAfterCharge
    }

    /// The gateway that keeps the charges and the idempotency keys.
    public let inner: InMemoryPaymentGateway
    private let faults: Locked<[Fault]>

    /// A gateway that applies `faults` in order to requests with new keys, then behaves.
    public init(_ faults: [Fault] = [], inner: InMemoryPaymentGateway = InMemoryPaymentGateway()) {
        self.inner = inner
        self.faults = Locked(faults)
    }

    /// Adds faults for the next new requests.
    public func inject(_ more: [Fault]) { faults.withLock { $0 += more } }

    /// The faults not yet used.
    public var remainingFaults: [Fault] { faults.withLock { $0 } }

    /// Answers `request`, applying the next fault to a new key (R-BIL-3).
    public func charge(_ request: ChargeRequest) async throws(PaymentGatewayError) -> ChargeResult {
        if inner.hasSeen(request.idempotencyKey) { return inner.process(request, declining: nil) }
        let fault = faults.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        switch fault {
        case nil:
            return inner.process(request, declining: nil)
        case .decline(let reason)?:
            return inner.process(request, declining: reason)
        case .timeoutBeforeCharge?:
            throw PaymentGatewayError(.timeout, detail: "injected: no answer before the charge")
        case .timeoutAfterCharge?:
            inner.process(request, declining: nil)
            throw PaymentGatewayError(.timeout, detail: "injected: no answer after the charge")
        }
    }

    /// Answers a refund, applying the next fault to a new key (R-LIFE-5): `decline` refuses it,
    /// `timeoutBeforeCharge` refunds nothing, `timeoutAfterCharge` refunds and then gives no answer.
    public func refund(_ request: RefundRequest) async throws(PaymentGatewayError) -> RefundResult {
        if inner.hasSeenRefund(request.idempotencyKey) { return inner.processRefund(request) }
        let fault = faults.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        switch fault {
        case nil:
            return inner.processRefund(request)
        case .decline(let reason)?:
            return .refused(reason: reason)
        case .timeoutBeforeCharge?:
            throw PaymentGatewayError(.timeout, detail: "injected: no answer before the refund")
        case .timeoutAfterCharge?:
            inner.processRefund(request)
            throw PaymentGatewayError(.timeout, detail: "injected: no answer after the refund")
        }
    }
}
