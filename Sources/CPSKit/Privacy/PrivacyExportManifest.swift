import Foundation

/// The manifest of a personal-data export (R-GDPR-1): `manifest.json`, the archive's first file.
/// Its format is documented in Documentation/Privacy.md ("Export").
public struct PrivacyExportManifest: Codable, Sendable, Equatable {
    /// One file of the archive.
    public struct File: Codable, Sendable, Equatable {
        /// The path inside the archive, e.g. `records/account/account-1.json`.
        public let path: String
        /// `record`, `evidence`, `mail` or `audit`.
        public let category: String
        /// The record kind of a `record` (or `evidence-file`, `outbox`, `audit` for the others).
        public let kind: String
        /// The record's ID, or the audit subject for `audit`.
        public let id: String
        /// The file's size in bytes.
        public let bytes: Int
        /// SHA-256 of the file's bytes, lower-case hex.
        public let sha256: String
    }

    /// `cps-privacy-export/1`.
    public let format: String
    /// `account` or `applicant`.
    public let subjectKind: String
    /// The account ID or the applicant's e-mail address.
    public let subject: String
    /// When the export was made.
    public let createdAt: Date
    /// Every other file of the archive, in archive order.
    public let files: [File]
    /// What was left out on purpose, and why (credentials, token digests, keys, internal counters).
    public let omitted: [String]
}
