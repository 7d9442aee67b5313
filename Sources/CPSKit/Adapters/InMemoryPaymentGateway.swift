import Foundation


/// The reference ``PaymentGateway``: charges always succeed (unless told to decline), every
/// idempotency key is answered once and replayed after (R-BIL-3).
///
/// All state sits in one `State` value behind one lock; transaction IDs are deterministic
/// (`txn-1`, `txn-2`, …) so tests can assert exact values.
public final class InMemoryPaymentGateway: PaymentGateway {
    /// One charge that went through.
    public struct Charge: Hashable, Sendable {
        /// The request.
        public let request: ChargeRequest
        /// The gateway's transaction ID.
        public let transactionID: String
    }

    /// One refund that went through (R-LIFE-5).
    public struct Refund: Hashable, Sendable {
        /// The request.
        public let request: RefundRequest
        /// The gateway's refund ID.
        public let refundID: String
    }

    private struct State {
        var results: [String: ChargeResult] = [:]
        var charges: [Charge] = []
        var refundResults: [String: RefundResult] = [:]
        var refunds: [Refund] = []
        var calls = 0
    }

    private let state = Locked(State())

    /// An empty gateway.
    public init() {}

    /// Charges `request` unless its key was seen: then the first answer is returned (R-BIL-3).
    public func charge(_ request: ChargeRequest) async throws(PaymentGatewayError) -> ChargeResult {
        process(request, declining: nil)
    }

    /// Answers `request`: a key seen before gets its first answer; otherwise the card is charged, or
    /// declined with `reason` when it is not `nil`. The answer is kept under the key (R-BIL-3).
    @discardableResult
    package func process(_ request: ChargeRequest, declining reason: String?) -> ChargeResult {
        state.withLock { state in
            state.calls += 1
            if let known = state.results[request.idempotencyKey] { return known }
            let result: ChargeResult
            if let reason {
                result = .declined(reason: reason)
            } else {
                let transaction = "txn-\(state.charges.count + 1)"
                state.charges.append(Charge(request: request, transactionID: transaction))
                result = .succeeded(transactionID: transaction)
            }
            state.results[request.idempotencyKey] = result
            return result
        }
    }

    /// Refunds `request` unless its key was seen: then the first answer is returned; an unknown charge,
    /// another currency, or more than the charge has left to refund is refused (R-LIFE-5).
    public func refund(_ request: RefundRequest) async throws(PaymentGatewayError) -> RefundResult {
        processRefund(request)
    }

    /// Answers a refund as ``refund(_:)`` does, synchronously (R-LIFE-5).
    @discardableResult
    package func processRefund(_ request: RefundRequest) -> RefundResult {
        state.withLock { state in
            state.calls += 1
            if let known = state.refundResults[request.idempotencyKey] { return known }
            let result: RefundResult
            if let charge = state.charges.first(where: { $0.transactionID == request.transactionID }) {
                let refunded = state.refunds.filter { $0.request.transactionID == request.transactionID }
                    .reduce(Decimal(0)) { $0 + $1.request.amount.amount }
                if request.amount.currency != charge.request.amount.currency || request.amount.amount <= 0 {
                    result = .refused(reason: "invalid amount")
                } else if refunded + request.amount.amount > charge.request.amount.amount {
                    result = .refused(reason: "more than captured")
                } else {
                    let id = "rfd-\(state.refunds.count + 1)"
                    state.refunds.append(Refund(request: request, refundID: id))
                    result = .refunded(refundID: id)
                }
            } else {
                result = .refused(reason: "unknown charge")
            }
            state.refundResults[request.idempotencyKey] = result
            return result
        }
    }

    /// Whether a refund with `idempotencyKey` was answered before (R-LIFE-5).
    package func hasSeenRefund(_ idempotencyKey: String) -> Bool { state.withLock { $0.refundResults[idempotencyKey] != nil } }

    /// Every refund that went through, in order: the money actually returned (R-LIFE-5).
    public var refunds: [Refund] { state.withLock { $0.refunds } }

    /// Whether a request with `idempotencyKey` was answered before (R-BIL-3).
    package func hasSeen(_ idempotencyKey: String) -> Bool { state.withLock { $0.results[idempotencyKey] != nil } }

    /// Every charge that went through, in order: the money actually taken.
    public var charges: [Charge] { state.withLock { $0.charges } }

    /// How many requests reached the gateway (repeats included).
    public var calls: Int { state.withLock { $0.calls } }
}
