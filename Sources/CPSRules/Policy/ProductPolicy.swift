/// The product catalog and the rules of registration, points and invitation, as policy data
/// (R-PRD-1, R-PRD-2, R-INV-1, SPEC §1 "Policy is data").
///
/// The default, ``sample``, is **SAMPLE DATA** for examples and tests — not Canon's official points.
/// A host loads its own catalog in the `products` section of ``CPSPolicy``.
public struct ProductPolicy: Hashable, Codable, Sendable {
    /// The eligible models and their points (R-PRD-1).
    public var catalog: [ProductCatalogEntry]
    /// The shortest serial number after normalisation (R-PRD-2). Default 4.
    public var serialMinimumLength: Int
    /// The longest serial number after normalisation (R-PRD-2). Default 20.
    public var serialMaximumLength: Int
    /// The longest dealer name (R-PRD-2). Default 200.
    public var dealerMaximumLength: Int
    /// The points at which the account is invited to join CPS (R-INV-1). Default 500.
    public var invitationThreshold: Int
    /// How many legacy products one migration batch writes (R-MIG-2). Default 500.
    public var migrationChunkSize: Int

    /// Creates a policy.
    public init(catalog: [ProductCatalogEntry], serialMinimumLength: Int = 4, serialMaximumLength: Int = 20,
                dealerMaximumLength: Int = 200, invitationThreshold: Int = 500,
                migrationChunkSize: Int = 500) {
        self.catalog = catalog
        self.serialMinimumLength = serialMinimumLength
        self.serialMaximumLength = serialMaximumLength
        self.dealerMaximumLength = dealerMaximumLength
        self.invitationThreshold = invitationThreshold
        self.migrationChunkSize = migrationChunkSize
    }

    /// The catalog entry of `model` (any spelling with the same ``ProductModel/key``), if eligible.
    public func entry(for model: String) -> ProductCatalogEntry? {
        let key = ProductModel.key(of: model)
        return catalog.first { $0.modelKey == key }
    }

    /// A copy with `model`'s points set to `points` (R-PRD-1): applies to registrations completed
    /// afterwards only.
    public func settingPoints(_ points: Int, for model: String) -> ProductPolicy {
        var copy = self
        let key = ProductModel.key(of: model)
        for index in copy.catalog.indices where copy.catalog[index].modelKey == key { copy.catalog[index].points = points }
        return copy
    }

    /// The values that make no sense (checked by ``CPSPolicy/validate()``).
    func validate() throws(PolicyError) {
        if serialMinimumLength < 1 || serialMaximumLength < serialMinimumLength {
            throw PolicyError(.outOfRange, field: "products.serialMinimumLength", minimum: .number(1),
                              maximum: .text("products.serialMaximumLength"))
        }
        if dealerMaximumLength < 1 { throw PolicyError(.belowMinimum, field: "products.dealerMaximumLength", minimum: .number(1)) }
        if invitationThreshold < 1 { throw PolicyError(.belowMinimum, field: "products.invitationThreshold", minimum: .number(1)) }
        if migrationChunkSize < 1 { throw PolicyError(.belowMinimum, field: "products.migrationChunkSize", minimum: .number(1)) }
        var keys: Set<String> = []
        for (index, entry) in catalog.enumerated() {
            if entry.modelKey.isEmpty {
                throw PolicyError(.noLetterOrDigit, field: "products.catalog[\(index)].model", value: entry.model)
            }
            if !keys.insert(entry.modelKey).inserted {
                throw PolicyError(.duplicate, field: "products.catalog[\(index)].model", value: entry.model)
            }
            if entry.points < 0 { throw PolicyError(.belowMinimum, field: "products.catalog[\(index)].points", minimum: .number(0)) }
        }
    }
}
