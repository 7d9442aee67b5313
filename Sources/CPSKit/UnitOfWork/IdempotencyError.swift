/// A client idempotency key was used again with a different request (R-UOW-1), or is malformed.
/// Nothing was changed.
public struct IdempotencyError: LocalizedFailure, Equatable {
    /// What is wrong with the key.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case keyReused, invalidKey
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``IdempotencyError/code``.
        public var description: String { representation.rawValue }

        /// The key was first used with another request; its first answer stands.
        public static let keyReused = Reason(.keyReused)
        /// The key is empty, longer than 255 characters, or not printable ASCII.
        public static let invalidKey = Reason(.invalidKey)
    }

    /// What is wrong.
    public let reason: Reason
    /// The operation the key was sent with.
    public let operation: String

    /// Creates an error.
    public init(_ reason: Reason, operation: String) {
        self.reason = reason
        self.operation = operation
    }

    /// `idempotency.<reason>`.
    public var code: String { "idempotency.\(reason)" }
    public var textKey: TextKey { TextKey("unitOfWork.idempotency.\(reason)") }
    /// Always `FailureCategory.refusal`.
    public var category: FailureCategory { .refusal }
    /// The typed facts of the message (R-MSG-1).
    public var messageArguments: [String: MessageArgument] { [:] }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [IdempotencyError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .keyReused: IdempotencyError(.keyReused, operation: "membership.purchase")
            case .invalidKey: IdempotencyError(.invalidKey, operation: "product.register")
            }
        }
    }
}
