/// Why a migration was refused (R-MIG-1, R-MIG-2). Nothing was changed.
public struct MigrationError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// No old CPS e-mail was given in the application (R-MIG-1).
        public static let noOldEmailGiven = Reason("noOldEmailGiven")
        /// No old CPS account was found for the e-mail given (R-MIG-1).
        public static let noLegacyAccountFound = Reason("noLegacyAccountFound")
        /// The old CPS account already migrated into another business account (R-MIG-2).
        public static let claimedByAnotherAccount = Reason("claimedByAnotherAccount")
        /// The host has no connection to the old CPS (no ``CPSContext/legacyDirectory``).
        public static let noLegacyDirectory = Reason("noLegacyDirectory")
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
    public var textArguments: [String: String] { facts }
}
