/// The gateway gave no final answer (R-BIL-3): the charge **may or may not** have gone through.
///
/// The due-charges job keeps the attempt pending and repeats it later with the **same** idempotency
/// key, so a charge that did go through is never made twice. Every reason is a
/// `FailureCategory.failure`.
public struct PaymentGatewayError: LocalizedFailure, Equatable {
    /// The kind of failure.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case timeout, unavailable
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``PaymentGatewayError/code``.
        public var description: String { representation.rawValue }

        /// No answer in time.
        public static let timeout = Reason(.timeout)
        /// The gateway could not be reached or failed.
        public static let unavailable = Reason(.unavailable)
    }

    /// The kind of failure.
    public let reason: Reason
    /// A technical detail for logs (never in the message).
    public let detail: String

    /// Creates an error.
    public init(_ reason: Reason, detail: String = "") {
        self.reason = reason
        self.detail = String(detail.prefix(200))
    }

    /// `gateway.<reason>` (R-BIL-3).
    public var code: String { "gateway.\(reason)" }
    /// Always `FailureCategory.failure`.
    public var category: FailureCategory { .failure }
    /// `billingService.error.gateway.<reason>` (R-BIL-3).
    public var textKey: TextKey { TextKey("billingService.error.gateway.\(reason)") }
    /// None: the detail is for logs.
    public var messageArguments: [String: MessageArgument] { [:] }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [PaymentGatewayError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .timeout: PaymentGatewayError(.timeout, detail: "no answer after 30 s")
            case .unavailable: PaymentGatewayError(.unavailable, detail: "HTTP 503")
            }
        }
    }
}
