import Foundation

/// The bytes of an evidence file, kept through the storage adapter like any other record (R-DOC-5).
public struct EvidenceFile: StoredRecord, Hashable {
    /// The type of the record's ID (stored as the bare string).
    public typealias ID = EvidenceDocument.ID

    public static let kind = "evidence-file"

    /// Same as the ``EvidenceDocument/id``.
    public let id: ID
    /// The application it belongs to.
    public let applicationID: BusinessAccountApplication.ID
    /// The type recognised from the content.
    public let mediaType: EvidenceMediaType
    /// The content.
    public let bytes: Data

    /// Creates a file record.
    package init(id: ID, applicationID: BusinessAccountApplication.ID, mediaType: EvidenceMediaType, bytes: Data) {
        self.id = id
        self.applicationID = applicationID
        self.mediaType = mediaType
        self.bytes = bytes
    }

    public var indexKeys: [String] { [Self.byApplication(applicationID).rawValue] }

    /// The index key of the evidence of the application `applicationID`.
    public static func byApplication(_ applicationID: BusinessAccountApplication.ID) -> IndexKey<EvidenceFile> {
        IndexKey("application:\(applicationID)")
    }
}
