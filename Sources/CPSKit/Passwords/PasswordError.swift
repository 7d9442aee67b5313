/// Why setting a password or signing in was refused (R-PWD-1…3). Nothing was changed.
public struct PasswordError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The link is not one CPSKit issued (mistyped, cut off, or made up).
        public static let invalidToken = Reason("invalidToken")
        /// The link was used already: each works once.
        public static let tokenUsed = Reason("tokenUsed")
        /// The link has expired.
        public static let tokenExpired = Reason("tokenExpired")
        /// A newer link was sent; only the newest works.
        public static let tokenReplaced = Reason("tokenReplaced")
        /// The password breaks the policy; ``PasswordError/rules`` says how.
        public static let weakPassword = Reason("weakPassword")
        /// Wrong e-mail or password (never says which).
        public static let invalidCredentials = Reason("invalidCredentials")
    }

    /// The password rules broken, for `weakPassword`: `tooShort`, `tooLong`, `containsEmail`, `needsLetterAndDigit`.
    public let rules: [String]
    /// The kind of refusal.
    public let reason: Reason
    /// Facts for the message (minimum length, …).
    public let facts: [String: String]

    /// Creates an error.
    public init(_ reason: Reason, rules: [String] = [], facts: [String: String] = [:]) {
        self.reason = reason
        self.rules = rules
        self.facts = facts
    }

    public var code: String { "password.\(reason)" }
    public var textKey: TextKey { TextKey("password.error.\(reason)") }
    public var textArguments: [String: String] { facts.merging(["rules": rules.joined(separator: ", ")]) { a, _ in a } }
}
