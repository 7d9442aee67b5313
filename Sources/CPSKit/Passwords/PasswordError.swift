/// Why setting a password or signing in was refused (R-PWD-1…3). Nothing was changed.
///
/// A struct around a reason: compare ``reason`` with the static members. Every reason is a refusal.
public struct PasswordError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case invalidToken, tokenUsed, tokenExpired, tokenReplaced, weakPassword, invalidCredentials
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``PasswordError/code``.
        public var description: String { representation.rawValue }

        /// The link is not one CPSKit issued (mistyped, cut off, or made up).
        public static let invalidToken = Reason(.invalidToken)
        /// The link was used already: each works once.
        public static let tokenUsed = Reason(.tokenUsed)
        /// The link has expired.
        public static let tokenExpired = Reason(.tokenExpired)
        /// A newer link was sent; only the newest works.
        public static let tokenReplaced = Reason(.tokenReplaced)
        /// The password breaks the policy; ``PasswordError/rules`` says how.
        public static let weakPassword = Reason(.weakPassword)
        /// Wrong e-mail or password (never says which).
        public static let invalidCredentials = Reason(.invalidCredentials)
    }

    /// The password rules broken, for `weakPassword`: `tooShort`, `tooLong`, `containsEmail`,
    /// `needsLetterAndDigit` (R-PWD-2). Codes for programs; the message names each in words.
    public let rules: [String]
    /// The kind of refusal.
    public let reason: Reason
    /// Facts for the message: `minimum` and `maximum` length.
    public let facts: [String: String]

    /// Creates an error.
    public init(_ reason: Reason, rules: [String] = [], facts: [String: String] = [:]) {
        self.reason = reason
        self.rules = rules
        self.facts = facts
    }

    /// `password.<reason>`.
    public var code: String { "password.\(reason)" }
    /// Always ``FailureCategory/refusal``.
    public var category: FailureCategory { .refusal }
    /// `password.error.<reason>`.
    public var textKey: TextKey { TextKey("password.error.\(reason)") }
    /// Each broken rule in words, with the lengths as numbers (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        var lengths: [String: MessageArgument] = [:]
        for (name, value) in facts { lengths[name] = Int(value).map(MessageArgument.count) ?? .text(value) }
        var arguments = lengths
        arguments["rules"] = .list(rules.map { .term(TextKey("password.rule.\($0)"), lengths) })
        return arguments
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [PasswordError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .invalidToken: PasswordError(.invalidToken)
            case .tokenUsed: PasswordError(.tokenUsed)
            case .tokenExpired: PasswordError(.tokenExpired)
            case .tokenReplaced: PasswordError(.tokenReplaced)
            case .weakPassword:
                PasswordError(.weakPassword, rules: ["tooShort", "tooLong", "containsEmail", "needsLetterAndDigit"],
                              facts: ["minimum": "12", "maximum": "128"])
            case .invalidCredentials: PasswordError(.invalidCredentials)
            }
        }
    }
}
