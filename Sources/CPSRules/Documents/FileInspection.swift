/// The file types evidence may have (R-DOC-5), recognised by content.
public enum EvidenceMediaType: String, Hashable, Codable, Sendable {
    /// `application/pdf`, starts with `%PDF-`.
    case pdf = "application/pdf"
    /// `image/jpeg`, starts with `FF D8 FF`.
    case jpeg = "image/jpeg"
    /// `image/png`, starts with the 8-byte PNG signature.
    case png = "image/png"
}

/// Why an evidence file was refused (R-DOC-5).
public enum FileProblem: String, Hashable, Codable, Sendable {
    /// The file has no bytes.
    case empty
    /// The file is larger than the policy allows.
    case tooLarge
    /// The content is not PDF, JPEG or PNG, whatever the file's name says.
    case unsupportedType
}

/// Checks an evidence file by its content, never by its name (R-DOC-5). Pure.
public enum FileInspection {
    /// The media type of `bytes`, or the problem that refuses it.
    public static func inspect(_ bytes: some Collection<UInt8>, maximumBytes: Int) -> Result<EvidenceMediaType, FileInspectionError> {
        if bytes.isEmpty { return .failure(FileInspectionError(problem: .empty, byteCount: 0, limit: maximumBytes)) }
        if bytes.count > maximumBytes {
            return .failure(FileInspectionError(problem: .tooLarge, byteCount: bytes.count, limit: maximumBytes))
        }
        let head = Array(bytes.prefix(8))
        if head.starts(with: [0x25, 0x50, 0x44, 0x46, 0x2D]) { return .success(.pdf) }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .success(.jpeg) }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .success(.png) }
        return .failure(FileInspectionError(problem: .unsupportedType, byteCount: bytes.count, limit: maximumBytes))
    }
}

/// A refused evidence file (R-DOC-5), with the reason in words.
public struct FileInspectionError: LocalizedFailure, Equatable {
    /// The reason.
    public let problem: FileProblem
    /// The file's size.
    public let byteCount: Int
    /// The policy's maximum size.
    public let limit: Int

    public var code: String { "evidence.file.\(problem.rawValue)" }
    public var textKey: TextKey { TextKey("evidence.file.\(problem.rawValue)") }
    public var textArguments: [String: String] { ["bytes": String(byteCount), "limit": String(limit / 1_048_576) + " MiB"] }
}
