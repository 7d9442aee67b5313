import Foundation

/// One line of an account's points ledger (R-PTS-1), the record of kind `"ledger-entry"`: points are
/// never a number edited in place but the sum of these entries, each written in the same batch as
/// the change it records and as the account's ``PointsBalance``.
public struct LedgerEntry: StoredRecord, Equatable {
    /// What the entry records.
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// A registration became complete and earned the catalog's points of that moment (R-PRD-3).
        case allocated
        /// A registration was removed (sold, lost) and its points with it (R-PRD-5).
        case removed
        /// An explicit end-of-service-life revaluation of a model changed a registration's points (R-PRD-1).
        case revalued
        /// The test kit set the balance to known facts (`TestEnvironment.setPoints`): the difference,
        /// with no registration (`registrationID` is empty). No service writes it.
        case adjusted
    }

    public static let kind = "ledger-entry"

    /// The entry's ID.
    public let id: String
    /// The account whose points change.
    public let accountID: BusinessAccount.ID
    /// The product registration concerned (empty for an ``Kind/adjusted`` entry).
    public let registrationID: ProductRegistration.ID
    /// What happened.
    public let entryKind: Kind
    /// The change in points (negative for a removal or a downward revaluation; may be 0).
    public let points: Int
    /// The change in the number of complete registrations: +1 allocated, −1 removed, 0 revalued, the
    /// difference when adjusted.
    public let completeRegistrationsDelta: Int
    /// When.
    public let at: Date
    /// Why, as a stable code or a reviewer's note (e.g. `registration.completed`, `sold`).
    public let reason: String
    /// Who caused it (``Principal/description``).
    public let actor: String

    /// Creates an entry.
    package init(id: String, accountID: BusinessAccount.ID, registrationID: ProductRegistration.ID, kind: Kind, points: Int,
                completeRegistrationsDelta: Int, at: Date, reason: String, actor: Principal) {
        self.id = id
        self.accountID = accountID
        self.registrationID = registrationID
        self.entryKind = kind
        self.points = points
        self.completeRegistrationsDelta = completeRegistrationsDelta
        self.at = at
        self.reason = reason
        self.actor = actor.description
    }

    /// Creates an entry with the actor as stored (`Principal.description`), as decoding does: for
    /// hand-written coders of the benchmark (`cps-bench`'s `payload-codec-ledger` row).
    package init(id: String, accountID: BusinessAccount.ID, registrationID: ProductRegistration.ID, kind: Kind, points: Int,
                 completeRegistrationsDelta: Int, at: Date, reason: String, actorDescription: String) {
        self.id = id
        self.accountID = accountID
        self.registrationID = registrationID
        self.entryKind = kind
        self.points = points
        self.completeRegistrationsDelta = completeRegistrationsDelta
        self.at = at
        self.reason = reason
        self.actor = actorDescription
    }

    public var indexKeys: [String] { [Self.byAccount(accountID).rawValue, Self.byRegistration(registrationID).rawValue] }

    /// The index key of the entries of `accountID`.
    public static func byAccount(_ accountID: BusinessAccount.ID) -> IndexKey<LedgerEntry> { IndexKey("account:\(accountID)") }
    /// The index key of the entries of the registration `registrationID`.
    public static func byRegistration(_ registrationID: ProductRegistration.ID) -> IndexKey<LedgerEntry> {
        IndexKey("registration:\(registrationID)")
    }
}

/// Named in the reader's language (R-MSG-1, R-PTS-1).
extension LedgerEntry.Kind: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("names.ledgerEntry.\(rawValue)") }
}
