import Foundation

/// Issues password-set tokens (R-PWD-2) into a unit of work: at least 128 random bits from the
/// injected source, mailed as URL-safe text, stored only as their SHA-256 digest; a new token voids
/// the user's older ones. Internal: a shared step of the review, account and password services.
struct TokenIssuer {
    let unit: UnitOfWork

    /// A new token for `user`, written with the voiding of older active tokens.
    func issue(for user: AccountUser, purpose: PasswordToken.Purpose) async throws -> (secret: String, link: String, token: PasswordToken) {
        let policy = unit.policy.passwords
        let secret = Self.base64URL(unit.context.random.bytes(max(16, policy.tokenBytes)))
        let token = PasswordToken(id: unit.context.ids.next("token"), userID: user.id, accountID: user.accountID,
                                  digest: SHA256.hexDigest(Array(secret.utf8)), purpose: purpose, issuedAt: unit.now,
                                  expiresAt: unit.now.addingTimeInterval(TimeInterval(policy.tokenLifetimeHours) * 3_600))
        try await voidActiveTokens(of: user.id)
        try unit.insert(token)
        let link = unit.policy.mail.passwordLinkTemplate.replacingOccurrences(of: "{token}", with: secret)
        return (secret, link, token)
    }

    /// Voids every active token of `userID` (a newer token, or the user's removal).
    func voidActiveTokens(of userID: String) async throws {
        for var older in try await unit.fetchAll(PasswordToken.self, indexKey: PasswordToken.userIndex(userID))
        where older.record.state == .active {
            older.record.state = .voided
            try unit.update(older)
        }
    }

    /// RFC 4648 §5 base64url without padding.
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
