import Foundation

/// What the verifier found in one subject's audit chain (R-GDPR-3).
public struct AuditChainReport: Sendable, Hashable, Codable {
    /// The subject (the chain).
    public let subject: String
    /// How many entries the chain has in the store.
    public let entries: Int
    /// The first broken link in chain order; `nil` when the chain is intact.
    public let firstBreak: AuditChainBreak?

    /// Whether the chain verified.
    public var isIntact: Bool { firstBreak == nil }
}
