/// A change lost every race the retry policy allows (R-UOW-1): other callers kept changing the same
/// records. Nothing of this call was written; trying again later is safe.
public struct ConflictError: LocalizedFailure, Equatable {
    /// The operation that gave up, e.g. `membership.purchase`.
    public let operation: String
    /// How many attempts were made.
    public let attempts: Int
    /// The kind of the last record that changed under the call, if known.
    public let kind: String?
    /// The ID of that record, if known.
    public let id: String?

    /// Creates an error.
    public init(operation: String, attempts: Int, kind: String? = nil, id: String? = nil) {
        self.operation = operation
        self.attempts = attempts
        self.kind = kind
        self.id = id
    }

    /// `conflict.retriesExhausted`.
    public var code: String { "conflict.retriesExhausted" }
    public var textKey: TextKey { "unitOfWork.conflict.retriesExhausted" }
    public var textArguments: [String: String] { ["attempts": String(attempts)] }
}
