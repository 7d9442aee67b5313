/// A change lost every race the retry policy allows (R-UOW-1): other callers kept changing the same
/// records. Nothing of this call was written; trying again later is safe.
///
/// Its one reason is ``Reason/retriesExhausted``, a `FailureCategory.failure`.
public struct ConflictError: LocalizedFailure, Equatable {
    /// The kind of failure.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case retriesExhausted
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``ConflictError/code``.
        public var description: String { representation.rawValue }

        /// Every attempt the retry policy allows lost its race.
        public static let retriesExhausted = Reason(.retriesExhausted)
    }

    /// The kind of failure: always ``Reason/retriesExhausted``.
    public var reason: Reason { .retriesExhausted }

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
    public var code: String { "conflict.\(reason)" }
    /// Always `FailureCategory.failure`: trying again later is safe.
    public var category: FailureCategory { .failure }
    public var textKey: TextKey { "unitOfWork.conflict.retriesExhausted" }
    /// The number of attempts, as a count.
    public var messageArguments: [String: MessageArgument] { ["attempts": .count(attempts)] }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [ConflictError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .retriesExhausted: ConflictError(operation: "membership.purchase", attempts: 5, kind: "pointsBalance", id: "account-1")
            }
        }
    }
}
