import Foundation

/// A file sent with a ``MailMessage`` (R-BIL-2, R-IDOC-1): the invoice mail carries the invoice's PDF.
///
/// Attachments are made at delivery by the mail dispatcher and never stored in the outbox; a MIME
/// transport writes each one as a base64 part of a `multipart/mixed` message.
public struct MailAttachment: Hashable, Codable, Sendable {
    /// The file name the recipient sees, e.g. `CPS-2026-000001.pdf`.
    public var fileName: String
    /// The media type, e.g. `application/pdf`.
    public var mediaType: String
    /// The file's bytes.
    public var bytes: [UInt8]

    /// Creates an attachment.
    public init(fileName: String, mediaType: String, bytes: [UInt8]) {
        self.fileName = fileName
        self.mediaType = mediaType
        self.bytes = bytes
    }
}
