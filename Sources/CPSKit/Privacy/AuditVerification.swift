import Foundation

/// The verdict over every audit chain in a store (R-GDPR-3).
public struct AuditVerification: Sendable, Hashable, Codable {
    /// One report per subject, in subject order.
    public let chains: [AuditChainReport]

    /// The reports of the broken chains.
    public var broken: [AuditChainReport] { chains.filter { !$0.isIntact } }
    /// Whether every chain verified.
    public var isIntact: Bool { broken.isEmpty }
}
