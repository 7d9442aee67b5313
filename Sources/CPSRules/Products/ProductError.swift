/// Why a product registration, change or removal was refused (R-PRD-1…5). Nothing was changed.
///
/// A struct around a reason, so adding a reason breaks no client: compare ``reason`` with the static
/// members (`error.reason == .serialTaken`).
public struct ProductError: LocalizedFailure, Equatable {
    /// The kind of refusal.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The serial number has characters other than A–Z and 0–9 after normalisation (R-PRD-2).
        public static let invalidSerial = Reason("invalidSerial")
        /// The serial number is shorter or longer than the policy allows (R-PRD-2).
        public static let serialLength = Reason("serialLength")
        /// This model and serial number are registered by another account (R-PRD-4).
        public static let serialTaken = Reason("serialTaken")
        /// This model and serial number are already registered on this account (R-PRD-4).
        public static let alreadyRegistered = Reason("alreadyRegistered")
        /// The model is not in the catalog of eligible products (R-PRD-1).
        public static let unknownModel = Reason("unknownModel")
        /// The purchase date lies in the future at its own precision (R-PRD-2).
        public static let purchaseDateInFuture = Reason("purchaseDateInFuture")
        /// No such product on the account.
        public static let notFound = Reason("notFound")
        /// The product was removed; it stays for the history only (R-PRD-5).
        public static let removed = Reason("removed")
        /// Too many concurrent changes to the account's points; try again (R-PTS-1).
        public static let busy = Reason("busy")
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
    public var textArguments: [String: String] { facts }
}
