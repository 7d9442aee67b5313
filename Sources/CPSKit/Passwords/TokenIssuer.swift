import Foundation

/// Issues and verifies password-set tokens (R-PWD-2, R-ID-3) inside a unit of work. Internal: a
/// shared step of the review, account and password services, the reset job and the mail dispatcher.
///
/// A token record holds a 128-bit nonce from the injected random source and the current key's ID; the
/// token is `base64url(len ‖ record ID ‖ HMAC-SHA256(key, record ID ‖ nonce))`, so the link names its
/// record and proves it came from the key — nothing in the store produces it without the key. A new
/// token voids the user's older ones.
struct TokenIssuer {
    let unit: UnitOfWork

    /// A new token record for `user`, written with the voiding of older active tokens. The token
    /// itself is not returned: the mail carries a reference and the dispatcher renders the link.
    func issue(for user: AccountUser, purpose: PasswordToken.Purpose) async throws -> PasswordToken {
        let policy = unit.policy.passwords
        let nonce = unit.context.random.bytes(16)
        let token = PasswordToken(id: unit.context.ids.next("token"), userID: user.id, accountID: user.accountID,
                                  nonce: TokenMAC.base64URL(nonce), keyID: unit.context.tokenKeys.currentKeyID,
                                  purpose: purpose, issuedAt: unit.now,
                                  expiresAt: unit.now.addingTimeInterval(TimeInterval(policy.tokenLifetimeHours) * 3_600))
        try await voidActiveTokens(of: user.id)
        try unit.insert(token)
        return token
    }

    /// Voids every active token of `userID` (a newer token, or the user's removal).
    func voidActiveTokens(of userID: AccountUser.ID) async throws {
        for var older in try await unit.fetchAll(PasswordToken.self, indexKey: PasswordToken.byUser(userID))
        where older.record.state == .active {
            older.record.state = .voided
            try unit.update(older)
        }
    }

    /// The token record `secret` names, read through the unit, if `secret` is its token under a key
    /// still listed (R-ID-3; compared in constant time). `nil` for anything else — mistyped, cut off,
    /// made up, signed by a retired key, or a record from before issue 16.
    func verify(_ secret: String) async throws -> Stored<PasswordToken>? {
        guard let (recordID, mac) = Self.split(secret),
              let stored = try await unit.fetch(PasswordToken.self, id: recordID),
              let expected = Self.mac(of: stored.record, keys: unit.context.tokenKeys) else { return nil }
        return ConstantTime.equals(expected, mac) ? stored : nil
    }

    /// The token of `record` under `keys`, or `nil` when its key is no longer listed (or the record
    /// predates issue 16).
    static func token(of record: PasswordToken, keys: TokenKeys) -> String? {
        guard let mac = mac(of: record, keys: keys) else { return nil }
        let id = Array(record.id.utf8)
        return TokenMAC.base64URL([UInt8(truncatingIfNeeded: id.count)] + id + mac)
    }

    /// The link of `record` under `keys` and the policy's template.
    static func link(of record: PasswordToken, keys: TokenKeys, policy: MailPolicy) -> String? {
        token(of: record, keys: keys).map { policy.passwordLinkTemplate.replacingOccurrences(of: "{token}", with: $0) }
    }

    private static func mac(of record: PasswordToken, keys: TokenKeys) -> [UInt8]? {
        guard let keyID = record.keyID, let key = keys.key(keyID), let nonce = record.nonce,
              let nonceBytes = TokenMAC.bytes(base64URL: nonce) else { return nil }
        return TokenMAC.token(recordID: record.id, nonce: nonceBytes, key: key)
    }

    /// The record ID and the MAC a token carries, or `nil` when it is not in the token's shape.
    private static func split(_ secret: String) -> (String, [UInt8])? {
        guard secret.utf8.count <= 400, let bytes = TokenMAC.bytes(base64URL: secret), let length = bytes.first,
              bytes.count == 1 + Int(length) + 32, length > 0,
              let id = String(bytes: bytes[1...Int(length)], encoding: .utf8) else { return nil }
        return (id, Array(bytes[(1 + Int(length))...]))
    }
}
