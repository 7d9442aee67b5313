/// Why a product registration, change or removal was refused (R-PRD-1…5). Nothing was changed.
///
/// A struct around a reason, so adding a reason breaks no client: compare ``reason`` with the static
/// members (`error.reason == .serialTaken`).
public struct ProductError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case invalidSerial, serialLength, serialTaken, alreadyRegistered, unknownModel, purchaseDateInFuture, notFound, removed, busy
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``ProductError/code``.
        public var description: String { representation.rawValue }

        /// The serial number has characters other than A–Z and 0–9 after normalisation (R-PRD-2).
        public static let invalidSerial = Reason(.invalidSerial)
        /// The serial number is shorter or longer than the policy allows (R-PRD-2).
        public static let serialLength = Reason(.serialLength)
        /// This model and serial number are registered by another account (R-PRD-4).
        public static let serialTaken = Reason(.serialTaken)
        /// This model and serial number are already registered on this account (R-PRD-4).
        public static let alreadyRegistered = Reason(.alreadyRegistered)
        /// The model is not in the catalog of eligible products (R-PRD-1).
        public static let unknownModel = Reason(.unknownModel)
        /// The purchase date lies in the future at its own precision (R-PRD-2).
        public static let purchaseDateInFuture = Reason(.purchaseDateInFuture)
        /// No such product on the account.
        public static let notFound = Reason(.notFound)
        /// The product was removed; it stays for the history only (R-PRD-5).
        public static let removed = Reason(.removed)
        /// Too many concurrent changes to the account's points; try again (R-PTS-1).
        public static let busy = Reason(.busy)
    }

    /// The kind of refusal.
    public let reason: Reason
    /// Facts for the message (model, serial, limits, …).
    public let facts: [String: String]
    /// For ``Reason/alreadyRegistered``: the ID of the account's existing registration of this model
    /// and serial, to open it instead (R-PRD-4). `nil` otherwise — a registration of another account
    /// (``Reason/serialTaken``) is never named.
    public let existingID: String?

    /// Creates an error.
    public init(_ reason: Reason, facts: [String: String] = [:], existingID: String? = nil) {
        self.reason = reason
        self.facts = facts
        self.existingID = existingID
    }

    public var code: String { "product.\(reason)" }
    public var textKey: TextKey { TextKey("product.error.\(reason)") }
    /// A refusal, except ``Reason/busy``: a failure (trying again succeeds).
    public var category: FailureCategory {
        reason == .busy ? .failure : .refusal
    }
    /// The typed facts of the message (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        MessageArgument.typed(facts, counts: ["minimum", "maximum"], days: ["date", "today"])
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [ProductError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .invalidSerial: ProductError(.invalidSerial, facts: ["serial": "AB#12"])
            case .serialLength: ProductError(.serialLength, facts: ["serial": "AB1", "minimum": "4", "maximum": "30"])
            case .serialTaken: ProductError(.serialTaken, facts: ["model": "imagePROGRAF PRO-1000", "serial": "AB123456", "product": "product-7"])
            case .alreadyRegistered: ProductError(.alreadyRegistered, facts: ["model": "EOS R5", "serial": "AB123456", "product": "product-7"])
            case .unknownModel: ProductError(.unknownModel, facts: ["model": "PowerShot X9"])
            case .purchaseDateInFuture: ProductError(.purchaseDateInFuture, facts: ["date": "2027-01-05", "today": "2026-12-01"])
            case .notFound: ProductError(.notFound, facts: ["product": "product-7"])
            case .removed: ProductError(.removed, facts: ["product": "product-7"])
            case .busy: ProductError(.busy)
            }
        }
    }
}
