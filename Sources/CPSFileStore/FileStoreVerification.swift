/// What ``FileRecordStore/verify(directory:options:)`` found in a store directory, changing nothing
/// (R-ADP-1): damage (``problems``, which keep the store from opening) and ``warnings`` (a torn tail
/// that opening would drop, a format an open for writing would upgrade, leftovers of an interrupted
/// write).
public struct FileStoreVerification: Sendable, Equatable, Codable {
    /// One finding: a stable code and a technical detail for logs.
    public struct Finding: Sendable, Equatable, Codable {
        /// `storage.<reason>` for damage (`storage.corrupt`, `storage.outOfOrder`, `storage.incomplete`,
        /// `storage.unsupportedVersion`); `store.tornTail`, `store.olderFormat` or `store.leftovers` for warnings.
        public let code: String
        /// What exactly, for a person reading logs.
        public let detail: String

        /// Creates a finding.
        public init(code: String, detail: String) {
            self.code = code
            self.detail = detail
        }
    }

    /// The store directory checked.
    public var directory: String
    /// Whether the directory exists (a missing one is an empty, healthy store).
    public var exists: Bool
    /// Live records (0 when damaged).
    public var records: Int
    /// The oldest format version of its files.
    public var formatVersion: Int
    /// The generation of its snapshot and journal.
    public var generation: UInt64
    /// The last commit sequence in it.
    public var commitSequence: UInt64
    /// The journal's valid length in bytes, header included.
    public var journalLength: Int
    /// Bytes of a torn journal tail that opening would drop.
    public var tornTailBytes: Int
    /// Commits begun in that tail.
    public var tornTailCommits: Int
    /// Damage: the store does not open.
    public var problems: [Finding]
    /// Findings that do not keep the store from opening.
    public var warnings: [Finding]

    /// Whether the store is damaged (``problems`` is not empty).
    public var isDamaged: Bool { !problems.isEmpty }
}
