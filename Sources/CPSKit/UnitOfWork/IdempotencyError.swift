/// A client idempotency key was used again with a different request (R-UOW-1), or is malformed.
/// Nothing was changed.
public struct IdempotencyError: LocalizedFailure, Equatable {
    /// What is wrong with the key.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The key was first used with another request; its first answer stands.
        public static let keyReused = Reason("keyReused")
        /// The key is empty, longer than 255 characters, or not printable ASCII.
        public static let invalidKey = Reason("invalidKey")
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
    public var textArguments: [String: String] { [:] }
}
