/// "View product" (R-PRD-3): a registration, whether it has the green tick, the mandatory fields it
/// lacks with what to do about them, its points and its ledger history.
public struct ProductDetail: Equatable, Codable, Sendable {
    /// The registration.
    public let registration: ProductRegistration
    /// The model's catalog entry today, if the model is in the catalog.
    public let catalogEntry: ProductCatalogEntry?
    /// The ledger entries of this registration, oldest first (R-PTS-1).
    public let history: [LedgerEntry]

    /// Creates a detail.
    public init(registration: ProductRegistration, catalogEntry: ProductCatalogEntry?, history: [LedgerEntry]) {
        self.registration = registration
        self.catalogEntry = catalogEntry
        self.history = history
    }

    /// The green tick: complete and active (R-PRD-3).
    public var isComplete: Bool { registration.status == .active && registration.isComplete }
    /// The mandatory fields missing (R-PRD-3).
    public var missingFields: [ProductMissingField] { registration.missingFields }
    /// The points the registration holds now (0 while incomplete or after removal).
    public var points: Int { registration.isAllocated ? registration.allocatedPoints ?? 0 : 0 }

    /// The explanation "View product" shows, one line per fact, in `language` (R-PRD-3).
    public func explanation(in language: Language, catalog: TextCatalog = .standard) -> [String] {
        let facts = ["model": registration.model, "points": String(points),
                     "serial": registration.serial?.value ?? ""]
        if registration.status == .removed {
            return [catalog.render("product.view.removed", facts, in: language)]
        }
        if isComplete {
            var lines = [catalog.render("product.view.complete", facts, in: language)]
            if !registration.inCatalog { lines.append(catalog.render("product.view.notInCatalog", facts, in: language)) }
            return lines
        }
        return [catalog.render("product.view.incomplete", facts, in: language)]
            + missingFields.map { catalog.render($0.explanationKey, facts, in: language) }
            + [catalog.render("product.view.approximate", facts, in: language)]
    }
}
