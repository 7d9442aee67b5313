import Foundation

/// Issues password-set tokens (R-PWD-2): at least 128 random bits from the injected source, mailed
/// as URL-safe text, stored only as their SHA-256 digest; a new token voids the user's older ones.
struct TokenIssuer: Sendable {
    let context: CPSContext

    /// A new token for `user` and the writes that store it and void older active tokens.
    func issue(for user: AccountUser, purpose: PasswordToken.Purpose, at now: Date,
               into batch: inout WriteBatch) async throws -> (secret: String, link: String, token: PasswordToken) {
        let policy = context.policy.passwords
        let secret = Self.base64URL(context.random.bytes(max(16, policy.tokenBytes)))
        let token = PasswordToken(id: context.ids.next("token"), userID: user.id, accountID: user.accountID,
                                  digest: SHA256.hexDigest(Array(secret.utf8)), purpose: purpose, issuedAt: now,
                                  expiresAt: now.addingTimeInterval(TimeInterval(policy.tokenLifetimeHours) * 3_600))
        for var older in try await context.store.fetchAll(PasswordToken.self, indexKey: "user:\(user.id)")
        where older.record.state == .active {
            older.record.state = .voided
            try batch.update(older)
        }
        try batch.insert(token)
        let link = context.policy.mail.passwordLinkTemplate.replacingOccurrences(of: "{token}", with: secret)
        return (secret, link, token)
    }

    /// RFC 4648 §5 base64url without padding.
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
