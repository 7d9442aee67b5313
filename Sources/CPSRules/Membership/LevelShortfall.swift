/// What keeps a CPS level closed, and how far off the account is (R-TIER-1, R-TIER-2, R-TIER-3).
public enum LevelShortfall: Hashable, Codable, Sendable {
    /// `missing` more points are needed to reach `required`.
    case points(missing: Int, required: Int)
    /// `missing` more complete registrations are needed to reach the group's `minimum`.
    case tooFewProducts(missing: Int, minimum: Int)
    /// `excess` complete registrations too many for the group's `maximum`.
    case tooManyProducts(excess: Int, maximum: Int)

    /// The catalog key of the explanation, e.g. `billing.shortfall.points`.
    public var textKey: TextKey {
        switch self {
        case .points: "billing.shortfall.points"
        case .tooFewProducts: "billing.shortfall.tooFewProducts"
        case .tooManyProducts: "billing.shortfall.tooManyProducts"
        }
    }

    /// The facts of the explanation, as counts (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        switch self {
        case let .points(missing, required): ["missing": .count(missing), "required": .count(required)]
        case let .tooFewProducts(missing, minimum): ["missing": .count(missing), "minimum": .count(minimum)]
        case let .tooManyProducts(excess, maximum): ["excess": .count(excess), "maximum": .count(maximum)]
        }
    }

    /// The explanation in `language`, e.g. "120 more points needed (1,000 required)."
    public func text(in language: Language, catalog: TextCatalog = .standard) -> String {
        catalog.render(textKey, arguments: messageArguments, in: language)
    }
}
