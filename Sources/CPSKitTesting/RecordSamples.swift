import CPSKit
import Foundation

/// Sample values of every record kind, for the round-trip check of ``StorageConformance``
/// (R-ADP-1): each must survive encode → store → read → decode unchanged, in memory and on disk.
///
/// A new record kind adds one line to ``all`` — a value with as many fields set as possible
/// (optionals filled, dates with fractions of a second, non-ASCII text):
///
/// ```swift
/// MembershipRecord(id: "membership-1", account: "account-1", level: .gold, since: RecordSamples.date),
/// ```
public enum RecordSamples {
    /// A fixed instant with a fractional second, to catch date encodings that round.
    public static let date = Date(timeIntervalSince1970: 1_795_000_000.123)

    /// One sample of each record kind (and a few variants). Add your kind here, one line each.
    public static let all: [any StoredRecord & Equatable] = [
        SampleNote(id: "note-1", text: "Första anteckningen — ÅÄÖ åäö ü ß 🎉", tags: ["a", "b"], unique: ["note:first"], amount: Decimal(string: "1234.56"), date: date),
        SampleNote(id: "note-2", text: "", tags: [], unique: [], amount: nil, date: nil),
        outboxMail(id: "outbox-1", status: .pending),
        outboxMail(id: "outbox-2", status: .delivered),
        // Issue 16: the durable identity adapter's credential, sign-in throttling, a password-set claim.
        IdentityCredential(id: "user-1", hash: "$pbkdf2-sha256$i=600000$c2FsdHNhbHRzYWx0c2FsdA$MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY",
                           credentialVersion: 3),
        SignInThrottleBucket(id: "signin-throttle-7", entries: [
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08": .init(failures: 2, windowStart: date),
            "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752":
                .init(failures: 0, windowStart: date, lockedUntil: date.addingTimeInterval(900.5)),
        ]),
        PasswordTokenClaim(id: "token-1", claimID: "claim-1", heldUntil: date.addingTimeInterval(120.25)),
        // Issue 20: a legal hold (R-GDPR-2).
        LegalHold(applicationID: "application-1", reason: "Ärende 2026/123 — Skatteverket", placedBy: .reviewer("reviewer-1"), placedAt: date),
    ]

    /// An outbox mail with every field set (R-ADP-2).
    public static func outboxMail(id: OutboxMail.ID, status: OutboxMail.Status) -> OutboxMail {
        var mail = OutboxMail(id: id, message: MailMessage(
            messageID: "<\(id)@canon-europe.com>", from: address("donotreply@canon-europe.com", name: "Canon"),
            to: [address("anna.svensson@example.se", name: "Anna Svensson")], subject: "Välkommen till CPS", body: "Hej Anna,\n\nvälkommen!\n",
            language: .swedish, template: "account.welcome", facts: ["link": "https://example.com/a?b=c&d=é"], date: date))
        mail.status = status
        if status != .pending {
            mail.attempts = 2
            mail.lastError = "421 try again later"
            mail.nextAttemptAt = date.addingTimeInterval(90.5)
            mail.deliveredAt = date.addingTimeInterval(120.25)
        }
        return mail
    }

    /// A mailbox from an address literal; traps on a malformed literal, which is a bug in the sample.
    public static func address(_ literal: String, name: String? = nil) -> MailAddress {
        guard let email = try? EmailAddress(literal) else { preconditionFailure("bad sample address \(literal)") }
        return MailAddress(email, name: name)
    }
}

/// A small record kind for the conformance suite and tests (R-ADP-1): text, tags (index keys
/// `tag:<tag>`), explicit unique keys, an optional decimal and date.
public struct SampleNote: StoredRecord, Hashable {
    /// `"conformance.note"`.
    public static let kind = "conformance.note"
    /// The ID.
    public let id: String
    /// Free text.
    public var text: String
    /// Tags; each is an index key `tag:<tag>`.
    public var tags: [String]
    /// The unique keys this note holds.
    public var unique: [String]
    /// An amount, if any.
    public var amount: Decimal?
    /// A date, if any.
    public var date: Date?

    /// Creates a note.
    public init(id: String, text: String, tags: [String] = [], unique: [String] = [], amount: Decimal? = nil, date: Date? = nil) {
        self.id = id
        self.text = text
        self.tags = tags
        self.unique = unique
        self.amount = amount
        self.date = date
    }

    /// The note's ``unique`` keys (R-ADP-1).
    public var uniqueKeys: [String] { unique }
    /// `tag:<tag>` for each tag (R-ADP-1).
    public var indexKeys: [String] { tags.map { "tag:\($0)" } }
}
