import Foundation

/// One product registered on a business account (R-PRD-2…5), the record of kind `"product"`.
///
/// While active and with a serial number it holds the global unique key
/// `serial:<MODEL>:<SERIAL>` (``serialKey(model:serial:)``), so one model + serial has one owner
/// across all accounts (R-PRD-4). A removed registration keeps its history and frees the key (R-PRD-5).
/// The points it earned are fixed when it became complete (``allocatedPoints``), from the catalog of
/// that moment (R-PRD-1); the ledger holds every change (R-PTS-1).
public struct ProductRegistration: StoredRecord, Equatable {
    /// The type of the record's ID (stored as the bare string).
    public typealias ID = Identifier<ProductRegistration>

    /// Whether the registration counts.
    public enum Status: String, Codable, Sendable, Hashable {
        /// On the account.
        case active
        /// Removed (sold, lost); kept for the history, holds no serial key and no points (R-PRD-5).
        case removed
    }

    public static let kind = "product"

    /// The registration's ID.
    public let id: ID
    /// The account it belongs to.
    public let accountID: BusinessAccount.ID
    /// The model as entered or as the catalog prints it.
    public let model: String
    /// The normalised model (``ProductModel/key``).
    public let modelKey: String
    /// The serial number, normalised (R-PRD-2); `nil` while missing.
    public var serial: SerialNumber?
    /// The purchase date at the precision known (R-PRD-2); `nil` while missing.
    public var purchaseDate: PurchaseDate?
    /// The country of purchase; `nil` while missing.
    public var countryOfPurchase: CountryCode?
    /// The dealer; `nil` while missing.
    public var dealer: String?
    /// Registered by a user or migrated from the old CPS.
    public let source: ProductSource
    /// The old CPS membership number it was migrated from (R-MIG-2), if migrated.
    public let legacyMembershipNumber: String?
    /// Whether the model was in the catalog when the registration was made (R-PRD-1, R-MIG-2).
    public let inCatalog: Bool
    /// The status.
    public var status: Status
    /// When it was registered or migrated.
    public let registeredAt: Date
    /// When it became complete and its points were allocated (R-PRD-3).
    public var completedAt: Date?
    /// The points currently allocated to it: fixed at completion, changed only by a revaluation
    /// (R-PRD-1); `nil` while incomplete; 0 after removal.
    public var allocatedPoints: Int?
    /// When it was removed (R-PRD-5).
    public var removedAt: Date?
    /// Why it was removed.
    public var removalReason: ProductRemovalReason?

    /// Creates a registration.
    package init(id: ID, accountID: BusinessAccount.ID, model: String, modelKey: String, serial: SerialNumber?,
                purchaseDate: PurchaseDate?, countryOfPurchase: CountryCode?, dealer: String?,
                source: ProductSource = .registered, legacyMembershipNumber: String? = nil, inCatalog: Bool = true,
                registeredAt: Date) {
        self.id = id
        self.accountID = accountID
        self.model = model
        self.modelKey = modelKey
        self.serial = serial
        self.purchaseDate = purchaseDate
        self.countryOfPurchase = countryOfPurchase
        self.dealer = dealer
        self.source = source
        self.legacyMembershipNumber = legacyMembershipNumber
        self.inCatalog = inCatalog
        self.status = .active
        self.registeredAt = registeredAt
    }

    /// The mandatory fields still missing (R-PRD-3), in the seed's order.
    public var missingFields: [ProductMissingField] {
        var missing: [ProductMissingField] = []
        if serial == nil { missing.append(.serialNumber) }
        if purchaseDate == nil { missing.append(.purchaseDate) }
        if countryOfPurchase == nil { missing.append(.countryOfPurchase) }
        if dealer?.isEmpty ?? true { missing.append(.dealer) }
        return missing
    }

    /// Complete: every mandatory field is there — the green tick (R-PRD-3).
    public var isComplete: Bool { missingFields.isEmpty }

    /// Whether its points have been allocated (and not removed).
    public var isAllocated: Bool { status == .active && completedAt != nil }

    /// The one-owner key of `model` + `serial` (R-PRD-4), e.g. `serial:EOSR5:AB1234`.
    public static func serialKey(model modelKey: String, serial: SerialNumber) -> String {
        "serial:\(modelKey):\(serial.value)"
    }

    /// The active registration holds its model + serial against every other account (R-PRD-4).
    public var uniqueKeys: [String] {
        guard status == .active, let serial else { return [] }
        return [Self.serialKey(model: modelKey, serial: serial)]
    }

    public var indexKeys: [String] { [Self.byAccount(accountID).rawValue, Self.byModel(modelKey).rawValue] }

    /// The index key of the registrations of `accountID`.
    public static func byAccount(_ accountID: BusinessAccount.ID) -> IndexKey<ProductRegistration> { IndexKey("account:\(accountID)") }
    /// The index key of the registrations of the model with key `modelKey`.
    public static func byModel(_ modelKey: String) -> IndexKey<ProductRegistration> { IndexKey("model:\(modelKey)") }
}
