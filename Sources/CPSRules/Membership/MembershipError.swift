/// Why a membership rule refused a request (R-TIER-1…3, R-MEM-1, R-MEM-2), in words for people and a
/// code for programs.
///
/// A struct around a reason, so adding a reason breaks no client's `switch`. A refused level choice
/// carries the same shortfalls the "Available CPS levels" view shows (``shortfalls``).
public struct MembershipError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        init(_ name: String) { self.name = name }
        /// The reason's name, as in ``code``.
        public var description: String { name }

        /// The chosen level is not open to the account (R-TIER-1, R-TIER-2).
        public static let levelNotOpen = Reason("levelNotOpen")
        /// The level is not in the policy, or not offered for the requested term (R-TIER-3, R-MEM-1).
        public static let levelNotOffered = Reason("levelNotOffered")
        /// A membership number with the wrong shape or check digit (R-MEM-2).
        public static let invalidMembershipNumber = Reason("invalidMembershipNumber")
        /// No membership number is left in the sequence range (R-MEM-2).
        public static let membershipNumbersExhausted = Reason("membershipNumbersExhausted")
        /// A renewal or upgrade that does not fit the current term (R-MEM-1).
        public static let invalidTermChange = Reason("invalidTermChange")
        /// The host takes no cards: its context has no ``CPSContext/paymentGateway`` (a configuration
        /// error, R-BIL-3). Choose bank transfer instead.
        public static let cardPaymentsUnavailable = Reason("cardPaymentsUnavailable")
    }

    /// The kind of refusal.
    public let reason: Reason
    /// The level concerned, if any.
    public let level: CPSLevel?
    /// For ``Reason/levelNotOpen``: what is missing.
    public let shortfalls: [LevelShortfall]
    /// Further facts for the message (the input, the sequence).
    public let facts: [String: String]

    /// Creates an error.
    public init(_ reason: Reason, level: CPSLevel? = nil, shortfalls: [LevelShortfall] = [],
                facts: [String: String] = [:]) {
        self.reason = reason
        self.level = level
        self.shortfalls = shortfalls
        self.facts = facts.mapValues { String($0.prefix(200)) }
    }

    /// `membership.<reason>`, e.g. `membership.levelNotOpen`.
    public var code: String { "membership.\(reason)" }

    // MARK: - LocalizedFailure

    /// For a closed level, one key per combination of shortfalls, so that every language says all of
    /// them: `billing.error.levelNotOpen.points`, `….tooFewProducts`, `….pointsAndTooFewProducts`, ….
    public var textKey: TextKey {
        guard reason == .levelNotOpen else { return TextKey("billing.error.\(reason)") }
        var points = false, few = false, many = false
        for shortfall in shortfalls {
            switch shortfall {
            case .points: points = true
            case .tooFewProducts: few = true
            case .tooManyProducts: many = true
            }
        }
        let suffix: String
        switch (points, few, many) {
        case (true, true, _): suffix = "pointsAndTooFewProducts"
        case (true, false, true): suffix = "pointsAndTooManyProducts"
        case (false, true, _): suffix = "tooFewProducts"
        case (false, false, true): suffix = "tooManyProducts"
        default: suffix = "points"
        }
        return TextKey("billing.error.levelNotOpen.\(suffix)")
    }

    /// The level's name, the shortfalls' numbers and the facts (R-TIER-1, R-TIER-2).
    public var textArguments: [String: String] {
        var arguments = facts
        if let level { arguments["level"] = level.name }
        for shortfall in shortfalls {
            switch shortfall {
            case let .points(missing, required):
                arguments["missingPoints"] = String(missing)
                arguments["requiredPoints"] = String(required)
            case let .tooFewProducts(missing, minimum):
                arguments["missingProducts"] = String(missing)
                arguments["minimumProducts"] = String(minimum)
            case let .tooManyProducts(excess, maximum):
                arguments["excessProducts"] = String(excess)
                arguments["maximumProducts"] = String(maximum)
            }
        }
        return arguments
    }
}
