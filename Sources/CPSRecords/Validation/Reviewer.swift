import Foundation

/// A Canon reviewer, a person known by e-mail (R-VAL-1, R-ID-4): the ``Principal/reviewer(_:)-enum.case`` of a
/// review call names a reviewer by ``id``, and only an active reviewer of the directory may decide.
/// The reviewer's password, if the host signs reviewers in through CPSKit, is kept by the identity
/// adapter under ``id``, never here.
public struct Reviewer: StoredRecord, Hashable {
    /// The type of the record's ID (stored as the bare string).
    public typealias ID = Identifier<Reviewer>

    /// Whether the reviewer may review.
    public enum Status: String, Codable, Sendable, Hashable {
        /// May review.
        case active
        /// Removed: refused from then on; the record stays for the history.
        case removed
    }

    public static let kind = "reviewer"
    /// The index key of every reviewer.
    public static let allIndex = IndexKey<Reviewer>("reviewers")

    /// The reviewer's ID, the one the principal names.
    public let id: ID
    /// The reviewer's e-mail; unique among active reviewers.
    public let email: EmailAddress
    /// The reviewer's name.
    public let name: String
    /// Active or removed.
    public var status: Status
    /// When the reviewer was added.
    public let addedAt: Date

    /// Creates a reviewer (for a host's own ``CPSContext/reviewers`` list or the reviewer service).
    public init(id: ID, email: EmailAddress, name: String, status: Status = .active, addedAt: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.status = status
        self.addedAt = addedAt
    }

    /// The unique key of an active reviewer's e-mail.
    public static func emailKey(_ email: EmailAddress) -> String { "reviewer-email:\(email.key)" }

    public var uniqueKeys: [String] { status == .active ? [Self.emailKey(email)] : [] }
    public var indexKeys: [String] { [Self.allIndex.rawValue] }
}
