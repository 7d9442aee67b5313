/// The result of "MIGRATE PRODUCTS" (R-MIG-2): one ``MigrationItem`` per legacy product, in the
/// legacy directory's order, and the totals.
public struct MigrationReport: Equatable, Sendable {
    /// The old CPS membership number, now on record (R-MIG-3).
    public let legacyMembershipNumber: String
    /// The business account migrated into.
    public let accountID: BusinessAccount.ID
    /// One item per legacy product.
    public let items: [MigrationItem]

    /// Creates a report.
    public init(legacyMembershipNumber: String, accountID: BusinessAccount.ID, items: [MigrationItem]) {
        self.legacyMembershipNumber = legacyMembershipNumber
        self.accountID = accountID
        self.items = items
    }

    /// The items with `outcome`.
    public func items(_ outcome: MigrationItem.Outcome) -> [MigrationItem] { items.filter { $0.outcome == outcome } }

    /// How many products this run added.
    public var migratedCount: Int { items(.migrated).count }
    /// The products added by this run that are complete (green tick).
    public var completeCount: Int { items(.migrated).filter(\.isComplete).count }
    /// The products added by this run that lack mandatory fields ("View product").
    public var incompleteCount: Int { items(.migrated).filter { !$0.isComplete }.count }
    /// The products added by this run whose model is not in the catalog (no points).
    public var notInCatalogCount: Int { items(.migrated).filter { !$0.inCatalog }.count }
    /// The products not migrated because another account owns them.
    public var conflictCount: Int { items(.serialConflict).count }
    /// The points this run allocated.
    public var pointsAllocated: Int { items.reduce(0) { $0 + $1.points } }
    /// Whether the run added nothing (a repeated run, R-MIG-2).
    public var addedNothing: Bool { migratedCount == 0 }

    /// A summary in `language`: the totals, then one line per product that needs attention.
    public func explanation(in language: Language, catalog: TextCatalog = .standard) -> [String] {
        var lines = [catalog.render("product.migration.report.summary", [
            "number": legacyMembershipNumber, "migrated": String(migratedCount), "complete": String(completeCount),
            "incomplete": String(incompleteCount), "points": String(pointsAllocated)], in: language)]
        for item in items {
            let facts = ["model": item.model, "serial": item.serial,
                         "missing": item.missingFields.map { catalog.render($0.nameKey, in: language) }.joined(separator: ", ")]
            switch item.outcome {
            case .migrated:
                if !item.inCatalog { lines.append(catalog.render("product.migration.report.notInCatalog", facts, in: language)) }
                if !item.isComplete { lines.append(catalog.render("product.migration.report.incomplete", facts, in: language)) }
            case .serialConflict:
                lines.append(catalog.render("product.migration.report.conflict", facts, in: language))
            case .invalid:
                lines.append(catalog.render("product.migration.report.invalid", facts, in: language))
            case .alreadyMigrated, .alreadyRegistered:
                break
            }
        }
        return lines
    }
}
