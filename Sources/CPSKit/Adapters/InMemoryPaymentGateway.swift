
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

    private struct State {
        var results: [String: ChargeResult] = [:]
        var charges: [Charge] = []
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

    /// Whether a request with `idempotencyKey` was answered before (R-BIL-3).
    package func hasSeen(_ idempotencyKey: String) -> Bool { state.withLock { $0.results[idempotencyKey] != nil } }

    /// Every charge that went through, in order: the money actually taken.
    public var charges: [Charge] { state.withLock { $0.charges } }

    /// How many requests reached the gateway (repeats included).
    public var calls: Int { state.withLock { $0.calls } }
}
