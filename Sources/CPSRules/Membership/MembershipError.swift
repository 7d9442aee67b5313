/// Why a membership rule refused a request (R-TIER-1…3, R-MEM-1, R-MEM-2), in words for people and a
/// code for programs.
///
/// A struct around a reason, so adding a reason breaks no client's `switch`. A refused level choice
/// carries the same shortfalls the "Available CPS levels" view shows (``shortfalls``).
public struct MembershipError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case levelNotOpen, levelNotOffered, invalidMembershipNumber, membershipNumbersExhausted, invalidTermChange, cardPaymentsUnavailable
            case noCurrentMembership, alreadyCancelled, notCancelled, renewalAlreadyCharged, termEnded, termsNotCurrent
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``MembershipError/code``.
        public var description: String { representation.rawValue }

        /// The chosen level is not open to the account (R-TIER-1, R-TIER-2).
        public static let levelNotOpen = Reason(.levelNotOpen)
        /// The level is not in the policy, or not offered for the requested term (R-TIER-3, R-MEM-1).
        public static let levelNotOffered = Reason(.levelNotOffered)
        /// A membership number with the wrong shape or check digit (R-MEM-2).
        public static let invalidMembershipNumber = Reason(.invalidMembershipNumber)
        /// No membership number is left in the sequence range (R-MEM-2).
        public static let membershipNumbersExhausted = Reason(.membershipNumbersExhausted)
        /// A renewal or upgrade that does not fit the current term (R-MEM-1).
        public static let invalidTermChange = Reason(.invalidTermChange)
        /// The host takes no cards: its context has no ``CPSContext/paymentGateway`` (a configuration
        /// error, R-BIL-3). Choose bank transfer instead.
        public static let cardPaymentsUnavailable = Reason(.cardPaymentsUnavailable)
        /// The account has no membership term that could be cancelled or restored now (R-LIFE-3).
        public static let noCurrentMembership = Reason(.noCurrentMembership)
        /// The term is already cancelled at its end (R-LIFE-3).
        public static let alreadyCancelled = Reason(.alreadyCancelled)
        /// An undo of a cancellation that does not stand (R-LIFE-3).
        public static let notCancelled = Reason(.notCancelled)
        /// A cancellation after the renewal's card charge was claimed, or after the renewal was paid:
        /// the renewal stands (R-LIFE-3).
        public static let renewalAlreadyCharged = Reason(.renewalAlreadyCharged)
        /// The term has ended: a cancellation can no longer be undone (R-LIFE-3).
        public static let termEnded = Reason(.termEnded)
        /// The purchase names a terms version that is not the one in force (R-LIFE-6).
        public static let termsNotCurrent = Reason(.termsNotCurrent)
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

    /// No card gateway, or no membership number left: a configuration error; the rest are refusals.
    public var category: FailureCategory {
        switch reason.representation {
        case .cardPaymentsUnavailable, .membershipNumbersExhausted: .configuration
        case .levelNotOpen, .levelNotOffered, .invalidMembershipNumber, .invalidTermChange: .refusal
        case .noCurrentMembership, .alreadyCancelled, .notCancelled, .renewalAlreadyCharged, .termEnded, .termsNotCurrent: .refusal
        }
    }

    /// The level by its name, the shortfalls as counts, the facts (R-TIER-1, R-TIER-2, R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        var arguments = MessageArgument.typed(facts, counts: ["years", "sequence", "points", "products"],
                                              terms: ["from": "billing.level."])
        if let level { arguments["level"] = .term(level.textKey) }
        for shortfall in shortfalls {
            switch shortfall {
            case let .points(missing, required):
                arguments["missingPoints"] = .count(missing)
                arguments["requiredPoints"] = .count(required)
            case let .tooFewProducts(missing, minimum):
                arguments["missingProducts"] = .count(missing)
                arguments["minimumProducts"] = .count(minimum)
            case let .tooManyProducts(excess, maximum):
                arguments["excessProducts"] = .count(excess)
                arguments["maximumProducts"] = .count(maximum)
            }
        }
        return arguments
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`; a closed level once
    /// per combination of shortfalls.
    package static var examples: [MembershipError] {
        Reason.Representation.allCases.flatMap { representation -> [MembershipError] in
            switch representation {
            case .levelNotOpen:
                [MembershipError(.levelNotOpen, level: .gold, shortfalls: [.points(missing: 1, required: 2501)]),
                 MembershipError(.levelNotOpen, level: .gold, shortfalls: [.points(missing: 1200, required: 2501)]),
                 MembershipError(.levelNotOpen, level: .businessA, shortfalls: [.tooFewProducts(missing: 1, minimum: 2)]),
                 MembershipError(.levelNotOpen, level: .businessA, shortfalls: [.tooManyProducts(excess: 3, maximum: 10)]),
                 MembershipError(.levelNotOpen, level: .gold, shortfalls: [.points(missing: 1, required: 2501),
                                                                           .tooFewProducts(missing: 2, minimum: 3)]),
                 MembershipError(.levelNotOpen, level: .gold, shortfalls: [.points(missing: 20, required: 2501),
                                                                           .tooManyProducts(excess: 1, maximum: 10)])]
            case .levelNotOffered: [MembershipError(.levelNotOffered, level: .platinum, facts: ["years": "3"])]
            case .invalidMembershipNumber: [MembershipError(.invalidMembershipNumber, facts: ["input": "12-34"])]
            case .membershipNumbersExhausted: [MembershipError(.membershipNumbersExhausted, facts: ["sequence": "99999"])]
            case .invalidTermChange: [MembershipError(.invalidTermChange, level: .silver, facts: ["from": "gold"])]
            case .cardPaymentsUnavailable: [MembershipError(.cardPaymentsUnavailable)]
            case .noCurrentMembership: [MembershipError(.noCurrentMembership)]
            case .alreadyCancelled: [MembershipError(.alreadyCancelled, level: .gold, facts: ["until": "2027-11-27"])]
            case .notCancelled: [MembershipError(.notCancelled, level: .gold)]
            case .renewalAlreadyCharged: [MembershipError(.renewalAlreadyCharged, level: .gold, facts: ["invoiceNumber": "CPS-2027-000002"])]
            case .termEnded: [MembershipError(.termEnded, level: .gold, facts: ["until": "2027-11-27"])]
            case .termsNotCurrent: [MembershipError(.termsNotCurrent, facts: ["accepted": "2025-1", "current": "2026-1"])]
            }
        }
    }
}
