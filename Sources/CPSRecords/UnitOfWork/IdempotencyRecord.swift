import Foundation

/// The first answer to a command sent with a client idempotency key (R-UOW-1): a repeat with the same
/// key returns this answer and changes nothing, as with Stripe's `Idempotency-Key`.
///
/// Written in the same batch as the command's change; the ID joins the operation, its scope (the
/// account) and the key, so two accounts may use the same key. A repeat whose request differs from
/// the first (another ``fingerprint``) is refused with ``IdempotencyError``.
public struct IdempotencyRecord: StoredRecord, Hashable {
    public static let kind = "idempotency"

    /// `<operation>:<scope>:<key>`.
    public let id: String
    /// The command, e.g. `membership.purchase`.
    public let operation: String
    /// The SHA-256 (hex) of the first request's canonical JSON.
    public let fingerprint: String
    /// The first answer, encoded by ``RecordCoder``.
    public let result: Data
    /// When the first answer was given.
    public let createdAt: Date

    /// Creates a record.
    package init(id: String, operation: String, fingerprint: String, result: Data, createdAt: Date) {
        self.id = id
        self.operation = operation
        self.fingerprint = fingerprint
        self.result = result
        self.createdAt = createdAt
    }

    /// The record ID for `key` of `operation` within `scope`.
    public static func id(operation: String, scope: String, key: String) -> String { "\(operation):\(scope):\(key)" }
}
