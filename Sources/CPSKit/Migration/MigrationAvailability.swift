/// Whether "MIGRATE PRODUCTS" is available to an account, and if not why and what to do instead
/// (R-MIG-1).
///
/// Available exactly when the account's application gave an old CPS e-mail **and** the legacy
/// directory holds an account for it. Otherwise ``reason`` says which half failed and ``waysOn``
/// offers the seed's two ways on: register the products again, or contact CPS Priority Support.
public struct MigrationAvailability: Equatable, Sendable {
    /// Why migration is not available.
    public enum Reason: String, Codable, Sendable, Hashable, CaseIterable {
        /// The application gave no old CPS e-mail.
        case noOldEmailGiven
        /// No old CPS account was found for the e-mail given.
        case noLegacyAccountFound
        /// The host has no connection to the old CPS (no ``CPSContext/legacyDirectory``).
        case noLegacyDirectory

        /// The catalog key of its text, e.g. `product.migration.unavailable.noOldEmailGiven`.
        public var textKey: TextKey { TextKey("product.migration.unavailable.\(rawValue)") }
    }

    /// Whether the "MIGRATE PRODUCTS" button is shown.
    public let isAvailable: Bool
    /// Why not, when not available.
    public let reason: Reason?
    /// The old CPS e-mail given in the application, if any.
    public let oldCPSEmail: EmailAddress?
    /// The legacy account's membership number, when found.
    public let legacyMembershipNumber: String?
    /// The number of products in the legacy account (0 when none found).
    public let legacyProductCount: Int

    /// Available for `account`.
    public static func available(email: EmailAddress, account: LegacyCPSAccount) -> MigrationAvailability {
        MigrationAvailability(isAvailable: true, reason: nil, oldCPSEmail: email,
                              legacyMembershipNumber: account.membershipNumber, legacyProductCount: account.products.count)
    }

    /// Not available because of `reason`.
    public static func unavailable(_ reason: Reason, email: EmailAddress?) -> MigrationAvailability {
        MigrationAvailability(isAvailable: false, reason: reason, oldCPSEmail: email, legacyMembershipNumber: nil,
                              legacyProductCount: 0)
    }

    private init(isAvailable: Bool, reason: Reason?, oldCPSEmail: EmailAddress?, legacyMembershipNumber: String?,
                 legacyProductCount: Int) {
        self.isAvailable = isAvailable
        self.reason = reason
        self.oldCPSEmail = oldCPSEmail
        self.legacyMembershipNumber = legacyMembershipNumber
        self.legacyProductCount = legacyProductCount
    }

    /// The ways on the seed offers when migration is not available (none when it is).
    public var waysOn: [MigrationWayOn] { isAvailable ? [] : [.registerProductsAgain, .contactPrioritySupport] }

    /// The explanation in `language`: the button and what it migrates, or why not and the ways on.
    public func explanation(in language: Language, catalog: TextCatalog = .standard) -> [String] {
        let facts: [String: MessageArgument] = ["email": .text(oldCPSEmail?.address ?? ""),
                                                "number": .text(legacyMembershipNumber ?? ""),
                                                "count": .count(legacyProductCount)]
        func render(_ key: TextKey) -> String { catalog.render(key, arguments: facts, in: language) }
        guard let reason else { return [render("product.migration.available")] }
        return [render(reason.textKey)] + waysOn.map { render($0.textKey) }
    }
}
