/// The file types evidence may have (R-DOC-5), recognised by content.
public enum EvidenceMediaType: String, Hashable, Codable, Sendable {
    /// `application/pdf`, starts with `%PDF-`.
    case pdf = "application/pdf"
    /// `image/jpeg`, starts with `FF D8 FF`.
    case jpeg = "image/jpeg"
    /// `image/png`, starts with the 8-byte PNG signature.
    case png = "image/png"
}

/// Checks an evidence file by its content, never by its name (R-DOC-5). Pure.
public enum FileInspection {
    /// The media type of `bytes`, or the problem that refuses it.
    public static func inspect(_ bytes: some Collection<UInt8>, maximumBytes: Int) -> Result<EvidenceMediaType, FileInspectionError> {
        if bytes.isEmpty { return .failure(FileInspectionError(.empty, byteCount: 0, limit: maximumBytes)) }
        if bytes.count > maximumBytes {
            return .failure(FileInspectionError(.tooLarge, byteCount: bytes.count, limit: maximumBytes))
        }
        let head = Array(bytes.prefix(8))
        if head.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return .success(.pdf) }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .success(.jpeg) }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .success(.png) }
        return .failure(FileInspectionError(.unsupportedType, byteCount: bytes.count, limit: maximumBytes))
    }
}

/// A refused evidence file (R-DOC-5), with the reason in words. Every reason is a refusal.
public struct FileInspectionError: LocalizedFailure, Equatable {
    /// Why the file was refused.
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case empty, tooLarge, unsupportedType
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``FileInspectionError/code``.
        public var description: String { representation.rawValue }

        /// The file has no bytes.
        public static let empty = Reason(.empty)
        /// The file is larger than the policy allows.
        public static let tooLarge = Reason(.tooLarge)
        /// The content is not PDF, JPEG or PNG, whatever the file's name says.
        public static let unsupportedType = Reason(.unsupportedType)
    }

    /// The reason.
    public let reason: Reason
    /// The file's size.
    public let byteCount: Int
    /// The policy's maximum size.
    public let limit: Int

    /// Creates an error.
    public init(_ reason: Reason, byteCount: Int, limit: Int) {
        self.reason = reason
        self.byteCount = byteCount
        self.limit = limit
    }

    /// `evidence.file.<reason>`.
    public var code: String { "evidence.file.\(reason)" }
    /// Always ``FailureCategory/refusal``.
    public var category: FailureCategory { .refusal }
    /// `evidence.file.<reason>`.
    public var textKey: TextKey { TextKey("evidence.file.\(reason)") }
    /// The size and the limit as counts, the limit in mebibytes when it is a whole number of them
    /// (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        let mebibyte = 1_048_576
        let size: MessageArgument = limit >= mebibyte && limit % mebibyte == 0
            ? .term("evidence.file.size.mebibytes", ["count": .count(limit / mebibyte)])
            : .term("evidence.file.size.bytes", ["count": .count(limit)])
        return ["bytes": .count(byteCount), "limit": size]
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [FileInspectionError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .empty: FileInspectionError(.empty, byteCount: 0, limit: 10_485_760)
            case .tooLarge: FileInspectionError(.tooLarge, byteCount: 12_582_912, limit: 10_485_760)
            case .unsupportedType: FileInspectionError(.unsupportedType, byteCount: 2_048, limit: 10_485_760)
            }
        }
    }
}
