import Foundation

/// Collects one export (R-GDPR-1) from the store: records by kind, stripped of every field the
/// registry calls a credential; evidence files as their bytes; mails as text without links; audit
/// entries per subject. Kinds that hold only secrets or machinery are left out and named in the
/// manifest.
struct PrivacyExporter {
    let store: any RecordStore
    private(set) var files: [(path: String, data: Data)] = []
    private(set) var entries: [PrivacyExportManifest.File] = []
    private var seen: Set<String> = []
    private(set) var auditSubjects: [String] = []

    init(store: any RecordStore) { self.store = store }

    /// The kinds never exported, and why.
    static let omitted = [
        "identity.credential: password hashes are never exported",
        "password-token, password-token.claim, password-reset-request: token nonces, claims and keyed fingerprints are never exported",
        "signin.throttle: keyed fingerprints of sign-in attempts",
        "audit-head: the keyed MACs of the audit chains",
        "idempotency: stored answers to repeated requests",
        "token keys: never in the store",
    ]

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private mutating func add(path: String, category: String, kind: String, id: String, data: Data) {
        guard seen.insert(path).inserted else { return }
        files.append((path: path, data: data))
        entries.append(.init(path: path, category: category, kind: kind, id: id, bytes: data.count, sha256: SHA256.hexDigest(data)))
    }

    /// Adds `records` of `R` as `records/<kind>/<id>.json` (ISO 8601 dates), credentials removed,
    /// and remembers each as an audit subject.
    mutating func add<R: StoredRecord>(_ records: [Stored<R>]) throws {
        let credentials = PersonalDataRegistry.declaration(for: R.kind)?.fields.filter { $0.category == .credential }.map(\.path) ?? []
        for stored in records {
            var object = try JSONSerialization.jsonObject(with: try Self.encoder.encode(stored.record)) as? [String: Any] ?? [:]
            for path in credentials { object.removeValue(forKey: path) }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            let id = stored.record.id.description
            add(path: "records/\(R.kind)/\(Self.safe(id)).json", category: "record", kind: R.kind, id: id, data: data)
            if !auditSubjects.contains(id) { auditSubjects.append(id) }
        }
    }

    /// Adds evidence files as `evidence/<id>.<pdf|jpg|png>`.
    mutating func add(evidence: [Stored<EvidenceFile>]) {
        for stored in evidence {
            let file = stored.record
            let id = file.id.description
            add(path: "evidence/\(Self.safe(id)).\(Self.fileExtension(file.mediaType))", category: "evidence",
                kind: EvidenceFile.kind, id: id, data: file.bytes)
        }
    }

    /// Adds the mails to `addresses` as `mails/<id>.txt`: headers and the body, every link replaced.
    mutating func add(mailsTo addresses: Set<String>) async throws {
        for stored in try await store.fetchAll(OutboxMail.self) {
            let message = stored.record.message
            guard message.to.contains(where: { addresses.contains($0.email.key) }) else { continue }
            let text = """
                To: \(message.to.map { $0.email.address }.joined(separator: ", "))
                Subject: \(message.subject)
                Date: \(message.date.ISO8601Format())
                Template: \(message.template)
                Status: \(stored.record.status.rawValue)

                \(Self.withoutLinks(message.body))
                """
            let id = stored.record.id.description
            add(path: "mails/\(Self.safe(id)).txt", category: "mail", kind: OutboxMail.kind, id: id, data: Data(text.utf8))
        }
    }

    /// Adds the audit entries about every subject added so far, `audit/<subject>.json`, oldest first.
    mutating func addAudit() async throws {
        for subject in auditSubjects {
            let entries = try await store.auditTrail(of: subject).sorted { ($0.sequence, $0.id) < ($1.sequence, $1.id) }
            guard !entries.isEmpty else { continue }
            let rows: [[String: Any]] = entries.map { entry in
                var row: [String: Any] = ["id": entry.id, "sequence": entry.sequence, "action": entry.action, "actor": entry.actor,
                                          "at": entry.at.ISO8601Format(), "erased": entry.isErased]
                if let reason = entry.reason { row["reason"] = reason }
                if !entry.details.isEmpty { row["details"] = entry.details }
                return row
            }
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            add(path: "audit/\(Self.safe(subject)).json", category: "audit", kind: AuditEntry.kind, id: subject, data: data)
        }
    }

    /// `text` with every `http(s)://…` link replaced by `[link removed]`.
    static func withoutLinks(_ text: String) -> String {
        text.replacingOccurrences(of: #"https?://[^\s<>"')\]]*[^\s<>"')\].,;:!?]"#, with: "[link removed]", options: .regularExpression)
    }

    /// An ID as a file name: letters, digits, `-`, `_` and `.` kept, anything else `_`.
    static func safe(_ id: String) -> String {
        String(id.prefix(80).map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "_" })
    }

    private static func fileExtension(_ type: EvidenceMediaType) -> String {
        switch type {
        case .pdf: "pdf"
        case .jpeg: "jpg"
        case .png: "png"
        }
    }
}
