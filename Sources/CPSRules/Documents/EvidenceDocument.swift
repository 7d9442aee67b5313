import Foundation

/// One evidence document attached to an application (R-DOC-1…5): its kind, the checked file it
/// refers to, and — once examined — what it visibly shows.
public struct EvidenceDocument: Hashable, Codable, Sendable {
    /// The type of the document's ID (stored as the bare string).
    public typealias ID = Identifier<EvidenceDocument>

    /// The document's ID (also the ID of its ``EvidenceFile`` record).
    public let id: ID
    /// What the applicant says the document is.
    public var kind: EvidenceKind
    /// The file name as uploaded (for display only; the type comes from the content, R-DOC-5).
    public var fileName: String
    /// The type recognised from the content.
    public var mediaType: EvidenceMediaType
    /// The file's size in bytes.
    public var byteCount: Int
    /// SHA-256 of the file, lower-case hex.
    public var sha256: String
    /// When it was added.
    public var addedAt: Date
    /// What the document shows, once a reviewer or extraction adapter captured it.
    public var visibleFields: VisibleFields?

    /// Creates a document entry.
    public init(id: ID, kind: EvidenceKind, fileName: String, mediaType: EvidenceMediaType, byteCount: Int,
                sha256: String, addedAt: Date, visibleFields: VisibleFields? = nil) {
        self.id = id
        self.kind = kind
        self.fileName = fileName
        self.mediaType = mediaType
        self.byteCount = byteCount
        self.sha256 = sha256
        self.addedAt = addedAt
        self.visibleFields = visibleFields
    }
}
