import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// The payment-gateway conformance suite on the reference gateways, and on broken ones (R-BIL-3, R-LIFE-5).
@Suite("R-BIL-3, R-LIFE-5: PaymentGatewayConformance")
struct PaymentGatewayConformanceTests {
    @Test("R-BIL-3, R-LIFE-5: the in-memory gateway passes; declines and timeouts are skipped with a reason")
    func inMemory() async throws {
        let passed = try await PaymentGatewayConformance.run(makeGateway: { InMemoryPaymentGateway() })
        #expect(passed.count == 4)
        #expect(passed.filter { $0.hasPrefix("skipped:") }.count == 2)
    }

    @Test("R-BIL-3, R-LIFE-5: the fault-injecting gateway passes every check, declines and timeouts after the fact included")
    func faultInjecting() async throws {
        let passed = try await PaymentGatewayConformance.run(
            makeGateway: { FaultInjectingPaymentGateway() },
            declinedRequest: { gateway, key in
                gateway.inject([.decline(reason: "insufficient funds")])
                return ChargeRequest(accountID: "a", amount: Money(1, .eur), reference: "decline-\(key)", idempotencyKey: key)
            },
            timeoutAfterTheFact: { $0.inject([.timeoutAfterCharge]) })
        #expect(passed.count == 4)
        #expect(!passed.contains { $0.hasPrefix("skipped:") })
    }

    /// A gateway that charges every request anew and never refunds: it breaks rule 1.
    private final class Forgetful: PaymentGateway {
        private let count = Locked(0)
        func charge(_ request: ChargeRequest) async throws(PaymentGatewayError) -> ChargeResult {
            .succeeded(transactionID: "t-\(count.withLock { $0 += 1; return $0 })")
        }
    }

    @Test("R-BIL-3: a gateway that forgets idempotency keys fails the suite, naming the rule")
    func forgetfulFails() async throws {
        await #expect(throws: ConformanceFailure.self) {
            try await PaymentGatewayConformance.run(makeGateway: { Forgetful() })
        }
    }

    @Test("R-LIFE-5: a gateway without refunds (the protocol's default) fails the refund rule")
    func noRefunds() async throws {
        do {
            try await PaymentGatewayConformance.run(makeGateway: { NoRefunds() })
            Issue.record("a gateway without refunds passed")
        } catch let error as PaymentGatewayError {
            #expect(error.reason == .unavailable)
        }
    }

    /// Charges idempotently, refunds through the protocol's default (unavailable).
    private struct NoRefunds: PaymentGateway {
        let inner = InMemoryPaymentGateway()
        func charge(_ request: ChargeRequest) async throws(PaymentGatewayError) -> ChargeResult { try await inner.charge(request) }
    }
}
