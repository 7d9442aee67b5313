import Foundation

/// The first broken link of an audit chain (R-GDPR-3).
public struct AuditChainBreak: Sendable, Hashable, Codable {
    /// What is wrong.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// An entry written before the chain existed (no sequence, no link).
        case unchained
        /// An entry filed under another subject's index.
        case wrongSubject
        /// The entry's sequence is not its place: an entry before it was deleted, or entries were
        /// reordered or duplicated.
        case sequenceMismatch
        /// The entry's link is not the hash of the entry before it: that entry was edited or replaced.
        case linkMismatch
        /// The entry's personal part does not match its commitment: the reason or the facts were edited.
        case commitmentMismatch
        /// Entries without a head: the head was deleted.
        case headMissing
        /// The head's key is not among the host's keys (a retired key, or a forged head).
        case headKeyUnknown
        /// The head's HMAC does not verify: the head was edited without the host key.
        case headForged
        /// The head names another last entry: the tail was deleted, or the last entry was edited.
        case headMismatch

        /// A sentence for logs and `cps audit verify`.
        public var explanation: String {
            switch self {
            case .unchained: "the entry was written before the audit chain existed"
            case .wrongSubject: "the entry belongs to another subject"
            case .sequenceMismatch: "an entry before it is missing, or entries were reordered"
            case .linkMismatch: "the entry before it was changed"
            case .commitmentMismatch: "the entry's reason or facts were changed"
            case .headMissing: "the chain's head is missing"
            case .headKeyUnknown: "the chain's head is keyed with an unknown key"
            case .headForged: "the chain's head does not verify with the host key"
            case .headMismatch: "the chain ends before its head: the last entries were deleted or changed"
            }
        }
    }

    /// What is wrong.
    public let reason: Reason
    /// The entry at the break, when there is one (a head's break may name the last entry).
    public let entryID: String?
    /// The place in the chain (1 = the first entry) where the break was found.
    public let position: Int
}
