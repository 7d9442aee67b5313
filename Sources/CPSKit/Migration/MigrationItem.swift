/// What the migration did with one legacy product (R-MIG-2).
public struct MigrationItem: Equatable, Sendable {
    /// The outcome.
    public enum Outcome: String, Codable, Sendable, Hashable, CaseIterable {
        /// Copied into the business account now (complete or not: see ``MigrationItem/isComplete``).
        case migrated
        /// Copied by an earlier run; nothing added (idempotence).
        case alreadyMigrated
        /// The account had already registered this model + serial itself; nothing added.
        case alreadyRegistered
        /// Another account owns this model + serial; not migrated (R-PRD-4). Way on: CPS Priority Support.
        case serialConflict
        /// The model or serial number is unusable after normalisation (R-PRD-2); not migrated.
        case invalid
    }

    /// The legacy model as given.
    public let model: String
    /// The serial number, normalised when possible, else as given.
    public let serial: String
    /// The outcome.
    public let outcome: Outcome
    /// The registration in the business account (migrated, already migrated or already registered).
    public let productID: ProductRegistration.ID?
    /// Whether the model is in the catalog; a model that is not migrates without points.
    public let inCatalog: Bool
    /// Whether the registration is complete (green tick, points allocated, R-PRD-3).
    public let isComplete: Bool
    /// What is missing when it is not (R-PRD-3).
    public let missingFields: [ProductMissingField]
    /// The points allocated by this run.
    public let points: Int
    /// For ``Outcome/invalid``: the error code.
    public let problem: String?

    /// Creates an item.
    public init(model: String, serial: String, outcome: Outcome, productID: ProductRegistration.ID? = nil, inCatalog: Bool = true,
                isComplete: Bool = false, missingFields: [ProductMissingField] = [], points: Int = 0,
                problem: String? = nil) {
        self.model = model
        self.serial = serial
        self.outcome = outcome
        self.productID = productID
        self.inCatalog = inCatalog
        self.isComplete = isComplete
        self.missingFields = missingFields
        self.points = points
        self.problem = problem
    }

    /// The ways on for this item: CPS Priority Support for a conflict, none otherwise.
    public var waysOn: [MigrationWayOn] { outcome == .serialConflict ? [.contactPrioritySupport] : [] }
}

/// Named in the reader's language (R-MSG-1, R-MIG-2).
extension MigrationItem.Outcome: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("names.migrationOutcome.\(rawValue)") }
}
