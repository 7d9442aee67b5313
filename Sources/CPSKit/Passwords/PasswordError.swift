import Foundation

/// Why setting a password or signing in was refused (R-PWD-1…3). Nothing was changed.
///
/// A struct around a reason: compare ``reason`` with the static members. Every reason is a refusal.
public struct PasswordError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case invalidToken, tokenUsed, tokenExpired, tokenReplaced, weakPassword, invalidCredentials, tryAgainLater, tokenBusy
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
        /// Wrong e-mail or password (never says which, R-ID-2).
        public static let invalidCredentials = Reason(.invalidCredentials)
        /// Too many failed sign-ins for the address or the client: ``PasswordError/retryAt`` says
        /// when to try again (R-ID-2). Given alike for addresses with and without an account.
        public static let tryAgainLater = Reason(.tryAgainLater)
        /// Another `setPassword` with the same link is under way (claim → call → record, R-PWD-1);
        /// after a crash the link works again once the policy's `claimHoldSeconds` have passed.
        public static let tokenBusy = Reason(.tokenBusy)
    }

    /// The password rules broken, for `weakPassword`: `tooShort`, `tooLong`, `containsEmail`,
    /// `needsLetterAndDigit` (R-PWD-2). Codes for programs; the message names each in words.
    public let rules: [String]
    /// The kind of refusal.
    public let reason: Reason
    /// Facts for the message: `minimum` and `maximum` length; `retryAt` (the time, as a person reads
    /// it in the policy's time zone) for `tryAgainLater`.
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

    /// `password.<reason>`.
    public var code: String { "password.\(reason)" }
    /// Always `FailureCategory.refusal`.
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
            case .tryAgainLater:
                PasswordError(.tryAgainLater, facts: ["retryAt": "2026-11-27 10:15"],
                              retryAt: Date(timeIntervalSince1970: 1_795_770_900))
            case .tokenBusy: PasswordError(.tokenBusy)
            }
        }
    }
}
