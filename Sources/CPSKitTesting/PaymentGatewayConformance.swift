import CPSKit
import Foundation

/// The conformance suite every ``PaymentGateway`` runs, from any test framework, with one call
/// (R-BIL-3, R-LIFE-5). It throws ``ConformanceFailure`` naming the first rule broken, and returns
/// the names of the checks that passed and of those skipped (`skipped: … — why`).
///
/// ```swift
/// @Test func conforms() async throws {
///     try await PaymentGatewayConformance.run(makeGateway: { InMemoryPaymentGateway() })
/// }
/// ```
///
/// `makeGateway` returns a fresh gateway for each check; `charge(key)` builds a request the gateway
/// approves (default: 100.00 EUR for `account-conformance`). Checks:
///
/// 1. a charge gets a final answer with a transaction ID;
/// 2. the same key again — in sequence and concurrently — gets the first answer, and a new key a new
///    transaction (idempotency, R-BIL-3);
/// 3. a refund of a captured charge is refunded, and its key repeated gets the first answer;
/// 4. refunds of one charge never total more than it captured; an unknown charge is refused;
/// 5. a decline, through `declinedRequest(gateway, key)`: a request the implementer knows the gateway
///    declines (a test card number), arranged on that gateway if need be (skipped when `nil`);
/// 6. a timeout after the fact: `timeoutAfterTheFact` arranges that the next new key is processed and
///    then unanswered (thrown); the repeat with the same key returns success and moves no more money
///    (skipped when `nil`) — for charges and for refunds.
public enum PaymentGatewayConformance {
    /// Runs every check (R-BIL-3, R-LIFE-5).
    @discardableResult
    public static func run<G: PaymentGateway>(
        makeGateway: () async throws -> G,
        charge: @escaping @Sendable (String) -> ChargeRequest = Self.defaultCharge,
        declinedRequest: ((G, String) -> ChargeRequest)? = nil,
        timeoutAfterTheFact: ((G) -> Void)? = nil
    ) async throws -> [String] {
        var done: [String] = []
        func fail(_ rule: String, _ detail: String) -> ConformanceFailure { ConformanceFailure(rule: rule, detail: detail, suite: "payment gateway conformance") }

        // 1–2. Charges and their idempotency.
        var rule = "a charge gets a final answer; the same key gets the first answer, a new key a new transaction"
        do {
            let gateway = try await makeGateway()
            let first = try await gateway.charge(charge("conformance-charge-1"))
            guard case .succeeded(let transaction) = first else { throw fail(rule, "the first charge answered \(first)") }
            let again = try await gateway.charge(charge("conformance-charge-1"))
            guard again == first else { throw fail(rule, "the repeat answered \(again), not \(first)") }
            let other = try await gateway.charge(charge("conformance-charge-2"))
            guard case .succeeded(let second) = other, second != transaction else {
                throw fail(rule, "a new key answered \(other)")
            }
            let request = charge("conformance-charge-3")
            async let a = gateway.charge(request)
            async let b = gateway.charge(request)
            let (x, y) = try await (a, b)
            guard x == y else { throw fail(rule, "two concurrent repeats answered \(x) and \(y)") }
        }
        done.append(rule)

        // 3–4. Refunds: idempotent, never above what was captured.
        rule = "a refund is idempotent by its key and never totals more than the charge captured"
        do {
            let gateway = try await makeGateway()
            let request = charge("conformance-refund-charge")
            guard case .succeeded(let transaction) = try await gateway.charge(request) else {
                throw fail(rule, "the charge to refund was not approved")
            }
            let half = Money(request.amount.amount / 2, request.amount.currency)
            func refund(_ n: Int, _ amount: Money, of id: String = transaction) -> RefundRequest {
                RefundRequest(accountID: request.accountID, transactionID: id, amount: amount, reference: "CN-CONFORMANCE",
                              idempotencyKey: RefundRequest.idempotencyKey(creditNote: "CN-CONFORMANCE", attemptNumber: n))
            }
            let first = try await gateway.refund(refund(1, half))
            guard case .refunded = first else { throw fail(rule, "a refund of half answered \(first)") }
            let repeated = try await gateway.refund(refund(1, half))
            guard repeated == first else { throw fail(rule, "the repeated refund answered \(repeated), not \(first)") }
            let second = try await gateway.refund(refund(2, half))
            guard case .refunded = second, second != first else { throw fail(rule, "the second half answered \(second)") }
            let third = try await gateway.refund(refund(3, Money(Decimal(1) / 100, request.amount.currency)))
            guard case .refused = third else { throw fail(rule, "a refund above what was captured answered \(third)") }
            let unknown = try await gateway.refund(refund(4, half, of: "no-such-transaction"))
            guard case .refused = unknown else { throw fail(rule, "a refund of an unknown charge answered \(unknown)") }
        }
        done.append(rule)

        // 5. Declines.
        rule = "a decline is a final answer"
        if let declinedRequest {
            let gateway = try await makeGateway()
            let answer = try await gateway.charge(declinedRequest(gateway, "conformance-decline"))
            guard case .declined = answer else { throw fail(rule, "the declined request answered \(answer)") }
            done.append(rule)
        } else {
            done.append("skipped: \(rule) — no request the gateway declines was supplied")
        }

        // 6. Timeouts after the fact.
        rule = "after a timeout the repeat with the same key answers success and moves no more money"
        if let timeoutAfterTheFact {
            let gateway = try await makeGateway()
            timeoutAfterTheFact(gateway)
            let request = charge("conformance-timeout")
            do {
                _ = try await gateway.charge(request)
                throw fail(rule, "the arranged timeout did not happen")
            } catch is PaymentGatewayError {}
            let repeated = try await gateway.charge(request)
            guard case .succeeded(let transaction) = repeated else { throw fail(rule, "the repeat answered \(repeated)") }
            timeoutAfterTheFact(gateway)
            let refund = RefundRequest(accountID: request.accountID, transactionID: transaction, amount: request.amount,
                                       reference: "CN-TIMEOUT",
                                       idempotencyKey: RefundRequest.idempotencyKey(creditNote: "CN-TIMEOUT", attemptNumber: 1))
            do {
                _ = try await gateway.refund(refund)
                throw fail(rule, "the arranged refund timeout did not happen")
            } catch is PaymentGatewayError {}
            let again = try await gateway.refund(refund)
            guard case .refunded = again else { throw fail(rule, "the repeated refund answered \(again)") }
            // The whole amount went back once: nothing is left to refund.
            let more = try await gateway.refund(RefundRequest(
                accountID: request.accountID, transactionID: transaction, amount: Money(Decimal(1) / 100, request.amount.currency),
                reference: "CN-TIMEOUT", idempotencyKey: RefundRequest.idempotencyKey(creditNote: "CN-TIMEOUT", attemptNumber: 2)))
            guard case .refused = more else { throw fail(rule, "the refund after the timeout was made twice (\(more))") }
            done.append(rule)
        } else {
            done.append("skipped: \(rule) — no way to arrange a timeout after the fact was supplied")
        }
        return done
    }

    /// 100.00 EUR for the account `account-conformance`, with `key`.
    public static let defaultCharge: @Sendable (String) -> ChargeRequest = { key in
        ChargeRequest(accountID: "account-conformance", amount: Money(100, .eur), reference: "CPS-CONFORMANCE", idempotencyKey: key)
    }
}
