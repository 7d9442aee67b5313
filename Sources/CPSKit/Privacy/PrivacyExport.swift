import Foundation

/// A personal-data export (R-GDPR-1): every record with the person's or the account's data, the
/// evidence files, the mails sent to them (bodies without links) and the audit entries about them,
/// as one archive with a manifest. Never a credential hash, a token nonce or digest, or a key.
public struct PrivacyExport: Sendable {
    /// The manifest (also the archive's `manifest.json`).
    public let manifest: PrivacyExportManifest
    /// The files after the manifest: path and bytes.
    public let files: [(path: String, data: Data)]

    /// The whole export as one POSIX ustar archive (`tar -xf export.tar`): `manifest.json` first,
    /// then ``files`` in manifest order.
    public func archive() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let manifestData = try encoder.encode(manifest)
        return TarArchive.archive([(path: "manifest.json", data: manifestData)] + files, modified: manifest.createdAt)
    }
}
