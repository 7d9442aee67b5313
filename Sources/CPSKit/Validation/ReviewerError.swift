/// A change to the reviewer directory was refused (R-VAL-1, R-ID-4). Nothing was changed.
public struct ReviewerError: LocalizedFailure, Equatable {
    /// What was refused.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// An active reviewer has this e-mail already.
        public static let emailInUse = Reason("emailInUse")
        /// No active reviewer has this e-mail.
        public static let notFound = Reason("notFound")
    }

    /// What was refused.
    public let reason: Reason
    /// Facts for the message (the e-mail).
    public let facts: [String: String]

    /// Creates an error.
    public init(_ reason: Reason, facts: [String: String] = [:]) {
        self.reason = reason
        self.facts = facts
    }

    public var code: String { "reviewer.\(reason)" }
    public var textKey: TextKey { TextKey("reviewer.error.\(reason)") }
    public var textArguments: [String: String] { facts }
}
