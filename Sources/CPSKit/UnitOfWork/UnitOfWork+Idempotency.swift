import Foundation

// Client idempotency keys (R-UOW-1): the first answer to a key is the answer to every repeat.
extension UnitOfWork {
    /// A command's idempotency key, checked, and the fingerprint of its request.
    struct IdempotencyClaim {
        let id: String
        let operation: String
        let fingerprint: String
    }

    /// For a command with `key` (none: `nil`, and the command just runs): the first answer when the
    /// key was used before with the same request, else a claim to pass to ``remember(_:for:)``. The
    /// key's absence is read through the unit, so two first uses racing conflict and the loser,
    /// run again, returns the winner's answer.
    func replay<Request: Encodable, Answer: Decodable>(
        _ key: String?, operation: String, scope: String, request: Request, as answer: Answer.Type
    ) async throws -> (answer: Answer?, claim: IdempotencyClaim?) {
        guard let key else { return (nil, nil) }
        guard !key.isEmpty, key.utf8.count <= 255, key.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw IdempotencyError(.invalidKey, operation: operation)
        }
        let claim = IdempotencyClaim(id: IdempotencyRecord.id(operation: operation, scope: scope, key: key),
                                     operation: operation,
                                     fingerprint: SHA256.hexDigest(try RecordCoder.encode(request)))
        guard let first = try await fetch(IdempotencyRecord.self, id: claim.id) else { return (nil, claim) }
        guard first.record.fingerprint == claim.fingerprint else { throw IdempotencyError(.keyReused, operation: operation) }
        do {
            return (try RecordCoder.decoder().decode(Answer.self, from: first.record.result), nil)
        } catch {
            throw StorageError(.corrupt, kind: IdempotencyRecord.kind, subject: claim.id,
                               detail: "the first answer cannot be decoded: \(error)")
        }
    }

    /// Stores `answer` as the first answer to `claim` in this unit's batch.
    func remember<Answer: Encodable>(_ answer: Answer, for claim: IdempotencyClaim?) throws {
        guard let claim else { return }
        try insert(IdempotencyRecord(id: claim.id, operation: claim.operation, fingerprint: claim.fingerprint,
                                     result: try RecordCoder.encode(answer), createdAt: now))
    }
}
