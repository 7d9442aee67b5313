import Foundation

/// One line of the audit trail: who did what to which record, when and why (R-VAL-1). Written in
/// the same batch as the change it records, never edited.
///
/// **Tamper evidence (R-GDPR-3).** Every entry is a link of its subject's chain: ``sequence`` counts
/// from 1 per subject and ``previousHash`` is the SHA-256 of the previous entry's ``canonicalForm``
/// (64 zeros for the first). The canonical form is a byte string of length-prefixed UTF-8 fields in a
/// fixed order, dates as whole milliseconds since 1970 — it does not depend on how a store encodes the
/// record. The personal part (``reason``, ``details``) is outside it: the canonical form holds only
/// its salted ``commitment``, so erasing the part (``erasingPersonalPart()``: salt and fields gone)
/// keeps every link valid. The chain's last link is held by the subject's keyed ``AuditChainHead``.
public struct AuditEntry: StoredRecord, Hashable {
    public static let kind = "audit"
    /// The ``previousHash`` of a chain's first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The ``actor`` of an entry by an applicant (R-GDPR-2): the address is in the erasable part,
    /// under ``applicantFact``.
    public static let applicantActor = "applicant"
    /// The fact holding the applicant's address (``Principal/applicant(_:)``) of an entry by an applicant.
    public static let applicantFact = "applicant"

    /// The entry's ID.
    public let id: String
    /// The record the entry is about, e.g. `application-1`: the chain the entry belongs to.
    public let subject: String
    /// The entry's place in its subject's chain, from 1; 0 for an entry written before the chain
    /// existed (the verifier reports it as unchained).
    public let sequence: Int
    /// The SHA-256 (lower-case hex) of the previous entry's ``canonicalForm``; ``genesisHash`` first.
    public let previousHash: String
    /// What happened, a stable code such as `application.submitted`.
    public let action: String
    /// Who did it (``Principal/description``; ``applicantActor`` for an applicant, whose address is in
    /// ``details`` under ``applicantFact``).
    public let actor: String
    /// When (whole milliseconds).
    public let at: Date
    /// The salted commitment to the personal part (SHA-256 hex of the salt and the part's canonical
    /// form): what the chain covers of ``personal``.
    public let commitment: String
    /// The erasable part: the reason and the facts with their salt; `nil` once erased (R-GDPR-2).
    public let personal: AuditPersonalPart?

    /// Why, when a reason was given (rejection reasons, requests for information); `nil` once erased.
    public var reason: String? { personal?.reason }
    /// Further facts (old and new status, due date, …); empty once erased.
    public var details: [String: String] { personal?.details ?? [:] }
    /// Whether the personal part was erased.
    public var isErased: Bool { personal == nil }

    /// Creates a link of `subject`'s chain: entry `sequence` after the entry hashing to
    /// `previousHash`, its personal part committed to with `salt` (random, at least 16 bytes).
    package init(id: String, subject: String, sequence: Int, previousHash: String, action: String, actor: Principal,
                 at: Date, salt: [UInt8], reason: String? = nil, details: [String: String] = [:]) {
        self.id = id
        self.subject = subject
        self.sequence = sequence
        self.previousHash = previousHash
        self.action = action
        // An applicant is known by an e-mail address: it goes into the erasable part, never into the
        // hashed `actor` (R-GDPR-2, R-GDPR-3), so erasing the person keeps the chain valid.
        var details = details
        if case .applicant(let email) = actor {
            self.actor = Self.applicantActor
            details[Self.applicantFact] = email.key
        } else {
            self.actor = actor.description
        }
        self.at = Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
        let personal = AuditPersonalPart(salt: salt.lowercaseHex, reason: reason, details: details)
        self.personal = personal
        commitment = personal.commitment
    }

    private init(copying entry: AuditEntry, personal: AuditPersonalPart?) {
        id = entry.id
        subject = entry.subject
        sequence = entry.sequence
        previousHash = entry.previousHash
        action = entry.action
        actor = entry.actor
        at = entry.at
        commitment = entry.commitment
        self.personal = personal
    }

    /// This entry without its personal part (R-GDPR-2): salt, reason and facts gone, the commitment
    /// kept, so the chain still verifies and nothing of the erased values can be guessed back.
    public func erasingPersonalPart() -> AuditEntry { AuditEntry(copying: self, personal: nil) }

    /// The bytes the chain hashes (R-GDPR-3): a version tag, then ``id``, ``subject``, ``sequence``,
    /// ``previousHash``, ``action``, ``actor``, ``at`` in milliseconds and ``commitment``, each as a
    /// 4-byte big-endian length and its UTF-8 bytes.
    public var canonicalForm: [UInt8] {
        AuditCanonical.fields(["cps-audit-entry-v1", id, subject, String(sequence), previousHash, action, actor,
                               String(Int64((at.timeIntervalSince1970 * 1000).rounded())), commitment])
    }

    /// The SHA-256 of ``canonicalForm``, lower-case hex: the next entry's ``previousHash``.
    public var hash: String { SHA256.hexDigest(canonicalForm) }

    /// Whether the personal part, if still there, matches ``commitment`` (an erased part matches).
    public var personalPartMatches: Bool { personal.map { $0.commitment == commitment } ?? true }

    public var indexKeys: [String] { [Self.bySubject(subject).rawValue] }

    /// The index key of the entries about `subject` (its chain).
    public static func bySubject(_ subject: String) -> IndexKey<AuditEntry> { IndexKey("subject:\(subject)") }

    private enum CodingKeys: String, CodingKey {
        case id, subject, sequence, previousHash, action, actor, at, commitment, personal, reason, details
    }

    /// Decodes an entry; one written before the chain existed (no `sequence`) reads as sequence 0 with
    /// its reason and facts as an uncommitted personal part.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        subject = try container.decode(String.self, forKey: .subject)
        action = try container.decode(String.self, forKey: .action)
        actor = try container.decode(String.self, forKey: .actor)
        at = try container.decode(Date.self, forKey: .at)
        if let sequence = try container.decodeIfPresent(Int.self, forKey: .sequence) {
            self.sequence = sequence
            previousHash = try container.decode(String.self, forKey: .previousHash)
            commitment = try container.decode(String.self, forKey: .commitment)
            personal = try container.decodeIfPresent(AuditPersonalPart.self, forKey: .personal)
        } else {
            sequence = 0
            previousHash = ""
            commitment = ""
            personal = AuditPersonalPart(salt: "", reason: try container.decodeIfPresent(String.self, forKey: .reason),
                                         details: try container.decodeIfPresent([String: String].self, forKey: .details) ?? [:])
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(subject, forKey: .subject)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(previousHash, forKey: .previousHash)
        try container.encode(action, forKey: .action)
        try container.encode(actor, forKey: .actor)
        try container.encode(at, forKey: .at)
        try container.encode(commitment, forKey: .commitment)
        try container.encodeIfPresent(personal, forKey: .personal)
    }
}
