import Foundation

/// Setting a password with the link from the automatic e-mail, asking for a new link, and signing in
/// (seed steps 4–5; R-PWD-1…3).
///
/// The token in the link is the caller's credential for ``setPassword(token:newPassword:)``: it is
/// looked up by its SHA-256 digest and compared in constant time, works once, expires, and is voided
/// by a newer one. Before approval there is no token at all; a reset request for an address without
/// an account is refused internally (audited) while the caller always gets the same answer.
public struct PasswordService: Sendable {
    let context: CPSContext

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// The answer to every reset request, whether or not the address has an account (R-PWD-1).
    public enum ResetAnswer: String, Sendable, Equatable {
        /// "If an account exists for this address, an e-mail with a link is on its way."
        case mailSentIfAccountExists
    }

    /// Sets the password of the token's user (R-PWD-1…3). The account becomes active and its users
    /// can sign in. Returns the user, now active.
    ///
    /// The token is claimed (marked used) before the password goes to the identity adapter; if the
    /// adapter fails, the claim is undone so the link still works and nothing is lost.
    @discardableResult
    public func setPassword(token secret: String, newPassword: String) async throws -> AccountUser {
        let digest = SHA256.hash(Array(secret.utf8))
        let hex = digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        guard secret.utf8.count >= 22, secret.utf8.count <= 200,
              var token = try await context.store.fetch(PasswordToken.self, holding: PasswordToken.digestKey(hex)),
              ConstantTime.equals(Array(token.record.digest.utf8), Array(hex.utf8)) else {
            throw PasswordError(.invalidToken)
        }
        let now = context.time.now()
        switch token.record.state {
        case .used: throw PasswordError(.tokenUsed)
        case .voided: throw PasswordError(.tokenReplaced)
        case .active: if now >= token.record.expiresAt { throw PasswordError(.tokenExpired) }
        }
        guard var user = try await context.store.fetch(AccountUser.self, id: token.record.userID), user.record.status != .removed,
              var account = try await context.store.fetch(BusinessAccount.self, id: token.record.accountID) else {
            throw PasswordError(.invalidToken)
        }
        let broken = PasswordRules.violations(of: newPassword, email: user.record.email, policy: context.policy.passwords)
        guard broken.isEmpty else {
            throw PasswordError(.weakPassword, rules: broken, facts: ["minimum": String(context.policy.passwords.minimumLength)])
        }
        // 1. Claim the token together with the activation, atomically.
        let before = (token: token, user: user, account: account)
        token.record.state = .used
        token.record.usedAt = now
        user.record.status = .active
        var claim = WriteBatch()
        try claim.update(token)
        try claim.update(user)
        if account.record.status == .awaitingPassword {
            account.record.status = .active
            account.record.activatedAt = now
            try claim.update(account)
        }
        try claim.insert(audit(user.record.id, "password.set", now, details: ["token": token.record.id]))
        let stored = try await context.store.commit(claim)
        // 2. Hand the password over; undo the claim if the identity system fails.
        do {
            try await context.identity.setPassword(newPassword, userID: user.record.id, email: user.record.email)
        } catch {
            var undo = WriteBatch()
            for envelope in stored {
                switch envelope.kind {
                case PasswordToken.kind: try undo.update(Stored(record: before.token.record, version: envelope.version))
                case AccountUser.kind: try undo.update(Stored(record: before.user.record, version: envelope.version))
                case BusinessAccount.kind: try undo.update(Stored(record: before.account.record, version: envelope.version))
                default: continue
                }
            }
            try undo.insert(audit(user.record.id, "password.identityFailed", now, reason: error.detail))
            try await context.store.commit(undo)
            throw error
        }
        return user.record
    }

    /// Sends a new password link if `email` belongs to an active user (R-PWD-1). The answer is the
    /// same in every case, so it never reveals whether the address has an account; a request for an
    /// address whose account is not yet created is refused internally and audited.
    public func requestPasswordReset(email text: String) async throws -> ResetAnswer {
        guard let email = try? EmailAddress(text) else { return .mailSentIfAccountExists }
        let now = context.time.now()
        let key = BusinessAccountApplication.emailKey(email)
        var batch = WriteBatch()
        if let user = try await context.store.fetch(AccountUser.self, holding: key), user.record.status != .removed {
            let issued = try await TokenIssuer(context: context).issue(for: user.record, purpose: .reset, at: now, into: &batch)
            let composer = MailComposer(policy: context.policy.mail, catalog: context.catalog, ids: context.ids)
            try batch.insert(composer.compose(
                "passwordReset", to: MailAddress(user.record.email, name: user.record.name), language: user.record.language,
                facts: ["name": user.record.name, "link": issued.link, "hours": String(context.policy.passwords.tokenLifetimeHours)],
                date: now))
            try batch.insert(audit(user.record.id, "password.resetSent", now))
        } else if let application = try await context.store.fetch(BusinessAccountApplication.self, holding: key) {
            try batch.insert(audit(application.record.id, "password.resetRefused", now,
                                   reason: "account not yet created (application \(application.record.status.rawValue))"))
        } else {
            try batch.insert(audit("unknown-address", "password.resetRefused", now, reason: "no account for the address",
                                   details: ["emailSHA256": SHA256.hexDigest(Array(email.key.utf8))]))
        }
        try await context.store.commit(batch)
        return .mailSentIfAccountExists
    }

    /// Checks an e-mail and password (R-PWD-3) and returns the principal of the active user; the
    /// error never says whether the e-mail or the password was wrong.
    public func signIn(email text: String, password: String) async throws -> Principal {
        guard let email = try? EmailAddress(text),
              let user = try await context.store.fetch(AccountUser.self, holding: BusinessAccountApplication.emailKey(email)),
              user.record.status == .active,
              try await context.identity.verifyPassword(password, userID: user.record.id) else {
            throw PasswordError(.invalidCredentials)
        }
        return .accountUser(user.record.id)
    }

    private func audit(_ subject: String, _ action: String, _ at: Date, reason: String? = nil,
                       details: [String: String] = [:]) -> AuditEntry {
        AuditEntry(id: context.ids.next("audit"), subject: subject, action: action, actor: .system("password"),
                   at: at, reason: reason, details: details)
    }
}
