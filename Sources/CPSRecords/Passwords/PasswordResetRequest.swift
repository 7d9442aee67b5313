import Foundation

/// A password-reset request waiting for the reset job (R-PWD-1, R-ID-3). The request itself writes
/// only this record, of the same size whether or not the address has an account, and answers at once;
/// the job then issues the token and the mail, or audits the refusal.
///
/// It keeps no e-mail address: ``target`` names the user (or the not-yet-approved application) that
/// the address belonged to when asked, padded to a fixed width, and ``addressFingerprint`` is a keyed
/// digest of the address under the host's token key — not reversible without the key.
public struct PasswordResetRequest: StoredRecord, Equatable {
    /// Whether the job has handled it.
    public enum State: String, Codable, Sendable, Hashable {
        /// Waiting for the job.
        case pending
        /// Handled (mailed, or refused and audited).
        case handled
    }

    public static let kind = "password-reset-request"
    /// The index key of the requests waiting for the job.
    public static let pendingIndex = IndexKey<PasswordResetRequest>("password-reset:pending")
    /// The width every ``target`` is padded to (IDs longer than this keep their length).
    public static let targetWidth = 64

    /// The record's ID.
    public let id: String
    /// `user:<id>`, `application:<id>` or `none`, padded with `.` to ``targetWidth`` characters.
    public let target: String
    /// A keyed digest of the normalised address (43 characters), for the audit of a refusal.
    public let addressFingerprint: String
    /// When it was asked.
    public let requestedAt: Date
    /// Its state.
    public var state: State

    /// Creates a pending request for `target` (unpadded).
    package init(id: String, target: String, addressFingerprint: String, requestedAt: Date) {
        self.id = id
        self.target = target.padding(toLength: max(Self.targetWidth, target.count), withPad: ".", startingAt: 0)
        self.addressFingerprint = addressFingerprint
        self.requestedAt = requestedAt
        self.state = .pending
    }

    /// ``target`` without its padding.
    public var unpaddedTarget: String {
        String(target.reversed().drop(while: { $0 == "." }).reversed())
    }

    public var indexKeys: [String] { [(state == .pending ? Self.pendingIndex : Self.handledIndex).rawValue] }

    /// The index key of the handled requests.
    public static let handledIndex = IndexKey<PasswordResetRequest>("password-reset:handled")
}
