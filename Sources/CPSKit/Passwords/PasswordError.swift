import Foundation

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
        /// Wrong e-mail or password (never says which, R-ID-2).
        public static let invalidCredentials = Reason("invalidCredentials")
        /// Too many failed sign-ins for the address or the client: ``PasswordError/retryAt`` says
        /// when to try again (R-ID-2). Given alike for addresses with and without an account.
        public static let tryAgainLater = Reason("tryAgainLater")
        /// Another `setPassword` with the same link is under way (claim → call → record, R-PWD-1);
        /// after a crash the link works again once the policy's `claimHoldSeconds` have passed.
        public static let tokenBusy = Reason("tokenBusy")
    }

    /// The password rules broken, for `weakPassword`: `tooShort`, `tooLong`, `containsEmail`, `needsLetterAndDigit`.
    public let rules: [String]
    /// The kind of refusal.
    public let reason: Reason
    /// Facts for the message (minimum length, the time to try again, …).
    public let facts: [String: String]
    /// For `tryAgainLater`: the first instant a sign-in is taken again (R-ID-2).
    public let retryAt: Date?

    /// Creates an error.
    public init(_ reason: Reason, rules: [String] = [], facts: [String: String] = [:], retryAt: Date? = nil) {
        self.reason = reason
        self.rules = rules
        self.facts = facts
        self.retryAt = retryAt
    }

    public var code: String { "password.\(reason)" }
    public var textKey: TextKey { TextKey("password.error.\(reason)") }
    public var textArguments: [String: String] { facts.merging(["rules": rules.joined(separator: ", ")]) { a, _ in a } }
}
