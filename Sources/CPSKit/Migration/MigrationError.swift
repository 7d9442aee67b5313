/// Why a migration was refused (R-MIG-1, R-MIG-2). Nothing was changed.
public struct MigrationError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case noOldEmailGiven, noLegacyAccountFound, claimedByAnotherAccount, noLegacyDirectory
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``MigrationError/code``.
        public var description: String { representation.rawValue }

        /// No old CPS e-mail was given in the application (R-MIG-1).
        public static let noOldEmailGiven = Reason(.noOldEmailGiven)
        /// No old CPS account was found for the e-mail given (R-MIG-1).
        public static let noLegacyAccountFound = Reason(.noLegacyAccountFound)
        /// The old CPS account already migrated into another business account (R-MIG-2).
        public static let claimedByAnotherAccount = Reason(.claimedByAnotherAccount)
        /// The host has no connection to the old CPS (no ``CPSContext/legacyDirectory``).
        public static let noLegacyDirectory = Reason(.noLegacyDirectory)
    }

    /// The kind of refusal.
    public let reason: Reason
    /// Facts for the message (e-mail, membership number).
    public let facts: [String: String]

    /// Creates an error.
    public init(_ reason: Reason, facts: [String: String] = [:]) {
        self.reason = reason
        self.facts = facts
    }

    /// The ways on the seed offers: register again or contact CPS Priority Support.
    public var waysOn: [MigrationWayOn] {
        reason == .claimedByAnotherAccount ? [.contactPrioritySupport] : [.registerProductsAgain, .contactPrioritySupport]
    }

    public var code: String { "migration.\(reason)" }
    public var textKey: TextKey { TextKey("product.migration.error.\(reason)") }
    /// A refusal, except a host without the old CPS: a configuration error.
    public var category: FailureCategory {
        reason == .noLegacyDirectory ? .configuration : .refusal
    }
    /// The typed facts of the message (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        MessageArgument.typed(facts)
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [MigrationError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .noOldEmailGiven: MigrationError(.noOldEmailGiven)
            case .noLegacyAccountFound: MigrationError(.noLegacyAccountFound, facts: ["email": "anna@example.se"])
            case .claimedByAnotherAccount: MigrationError(.claimedByAnotherAccount, facts: ["number": "CPS-1234567"])
            case .noLegacyDirectory: MigrationError(.noLegacyDirectory)
            }
        }
    }
}
