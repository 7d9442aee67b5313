import Foundation

/// The rules of the tamper-evident audit trail (R-GDPR-3): how a head is keyed and how a chain is
/// verified. Pure over its inputs; the unit of work links entries, ``AuditService`` reads and verifies.
enum AuditChain {
    /// Bytes of random salt in each entry's commitment.
    static let saltLength = 16

    /// The keyed head of `subject`'s chain after entry `sequence`, hashing to `lastHash`.
    static func head(subject: String, sequence: Int, lastHash: String, keys: TokenKeys) -> AuditChainHead {
        let (keyID, mac) = keys.auditHeadMAC(AuditChainHead.message(subject: subject, sequence: sequence, lastHash: lastHash))
        return AuditChainHead(subject: subject, sequence: sequence, lastHash: lastHash, keyID: keyID, mac: mac)
    }

    /// Verifies one chain: `entries` (any order; they are sorted by sequence, then ID) and the
    /// subject's head. The first broken link, in chain order, is the report's ``AuditChainReport/firstBreak``.
    static func verify(subject: String, entries: [AuditEntry], head: AuditChainHead?, keys: TokenKeys) -> AuditChainReport {
        let sorted = entries.sorted { ($0.sequence, $0.id) < ($1.sequence, $1.id) }
        func report(_ reason: AuditChainBreak.Reason, _ entry: AuditEntry?, position: Int) -> AuditChainReport {
            AuditChainReport(subject: subject, entries: sorted.count,
                             firstBreak: AuditChainBreak(reason: reason, entryID: entry?.id, position: position))
        }
        var previous = AuditEntry.genesisHash
        for (offset, entry) in sorted.enumerated() {
            let position = offset + 1
            if entry.sequence == 0 { return report(.unchained, entry, position: position) }
            guard entry.subject == subject else { return report(.wrongSubject, entry, position: position) }
            guard entry.sequence == position else { return report(.sequenceMismatch, entry, position: position) }
            guard entry.previousHash == previous else { return report(.linkMismatch, entry, position: position) }
            guard entry.personalPartMatches else { return report(.commitmentMismatch, entry, position: position) }
            previous = entry.hash
        }
        guard let head else { return report(.headMissing, sorted.last, position: sorted.count) }
        let message = AuditChainHead.message(subject: head.id, sequence: head.sequence, lastHash: head.lastHash)
        switch keys.verifyAuditHead(message, keyID: head.keyID, mac: head.mac) {
        case nil: return report(.headKeyUnknown, nil, position: sorted.count)
        case false?: return report(.headForged, nil, position: sorted.count)
        case true?: break
        }
        guard head.sequence == sorted.count, head.lastHash == previous else {
            return report(.headMismatch, sorted.last, position: sorted.count)
        }
        return AuditChainReport(subject: subject, entries: sorted.count, firstBreak: nil)
    }
}
