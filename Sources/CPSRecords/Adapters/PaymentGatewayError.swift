/// The gateway gave no final answer (R-BIL-3): the charge **may or may not** have gone through.
///
/// The due-charges job keeps the attempt pending and repeats it later with the **same** idempotency
/// key, so a charge that did go through is never made twice.
public struct PaymentGatewayError: LocalizedFailure, Equatable {
    /// The kind of failure.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        init(_ name: String) { self.name = name }
        /// The reason's name, as in ``code``.
        public var description: String { name }

        /// No answer in time.
        public static let timeout = Reason("timeout")
        /// The gateway could not be reached or failed.
        public static let unavailable = Reason("unavailable")
    }

    /// The kind of failure.
    public let reason: Reason
    /// A technical detail for logs.
    public let detail: String

    /// Creates an error.
    public init(_ reason: Reason, detail: String = "") {
        self.reason = reason
        self.detail = String(detail.prefix(200))
    }

    /// `gateway.<reason>` (R-BIL-3).
    public var code: String { "gateway.\(reason)" }
    /// `billingService.error.gateway.<reason>` (R-BIL-3).
    public var textKey: TextKey { TextKey("billingService.error.gateway.\(reason)") }
    /// The detail.
    public var textArguments: [String: String] { ["detail": detail] }
}
