import Foundation

/// Setting a password with the link from the automatic e-mail, asking for a new link, and signing in
/// (seed steps 4–5; R-PWD-1…3).
///
/// The token in the link is the caller's credential for ``setPassword(token:newPassword:)``: it is
/// named by it and verified as `HMAC-SHA256(key, record ID ‖ nonce)` under the host's ``TokenKeys``
/// (R-ID-3), compared in constant time, works once, expires, and is voided
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
    /// can sign in; the sign-in lock of the user's address is lifted (R-ID-2). Returns the user, now
    /// active.
    ///
    /// Claim → call → record (R-UOW-1), so a crash at any point leaves the link usable or the
    /// password set: (1) a unit checks the token and the password rules and writes a
    /// ``PasswordTokenClaim`` held for the policy's `claimHoldSeconds` (another use meanwhile is
    /// refused with `tokenBusy`); (2) the password goes to the identity adapter, outside every unit;
    /// (3) a unit marks the token used, activates the user and the account and removes the claim.
    /// If the adapter fails, the claim is removed at once and the link still works; after a crash the
    /// claim expires and the link works again.
    @discardableResult
    public func setPassword(token secret: String, newPassword: String) async throws -> AccountUser {
        guard secret.utf8.count >= 22, secret.utf8.count <= 400 else { throw PasswordError(.invalidToken) }
        let claimID = context.ids.next("claim")
        let hold = TimeInterval(context.policy.passwords.claimHoldSeconds)
        // 1. Claim: the token stays active; only the claim is written (R-UOW-1).
        let claimed = try await context.transact("password.claim", as: .system("password")) { unit in
            let (token, user) = try await usableToken(secret, in: unit)
            let broken = PasswordRules.violations(of: newPassword, email: user.record.email, policy: context.policy.passwords)
            guard broken.isEmpty else {
                throw PasswordError(.weakPassword, rules: broken, facts: ["minimum": String(context.policy.passwords.minimumLength),
                                                                               "maximum": String(context.policy.passwords.maximumLength)])
            }
            let claim = PasswordTokenClaim(id: token.record.id, claimID: claimID, heldUntil: unit.now.addingTimeInterval(hold))
            if let held = try await unit.fetch(PasswordTokenClaim.self, id: token.record.id) {
                guard held.record.heldUntil <= unit.now else { throw PasswordError(.tokenBusy) }
                try unit.update(Stored(record: claim, version: held.version))
            } else {
                try unit.insert(claim)
            }
            return (user: user.record, tokenID: token.record.id)
        }
        // 2. Call the identity adapter, outside every unit; on its failure release the claim.
        do throws(IdentityError) {
            try await context.identity.setPassword(newPassword, userID: claimed.user.id.rawValue, email: claimed.user.email)
        } catch {
            try await release(claimID, of: claimed.tokenID, userID: claimed.user.id, because: error)
            throw error
        }
        // 3. Record: the token used, the user and the account active, the claim gone, the lock lifted.
        return try await context.transact("password.set", as: .system("password")) { unit in
            let (token, user) = try await usableToken(secret, in: unit, ignoringExpiry: true)
            guard let held = try await unit.fetch(PasswordTokenClaim.self, id: token.record.id),
                  held.record.claimID == claimID else { throw PasswordError(.tokenBusy) }
            var usedToken = token, activeUser = user
            usedToken.record.state = .used
            usedToken.record.usedAt = unit.now
            try unit.update(usedToken)
            try unit.delete(held)
            activeUser.record.status = .active
            try unit.update(activeUser)
            if var account = try await unit.fetch(BusinessAccount.self, id: token.record.accountID),
               account.record.status == .awaitingPassword {
                account.record.status = .active
                account.record.activatedAt = unit.now
                try unit.update(account)
            }
            let throttle = SignInThrottle(policy: context.policy.passwords.throttle, keys: context.tokenKeys)
            try await throttle.clear(throttle.key(email: user.record.email.key), in: unit)
            try unit.audit(user.record.id, "password.set", details: ["token": token.record.id])
            return activeUser.record
        }
    }

    /// The token `secret` names and its user, if the token can still set a password (R-PWD-1,
    /// R-PWD-2, R-ID-3): verified under the host's keys, compared in constant time, active, unexpired (unless
    /// `ignoringExpiry`: the record step of a claim made in time), its user not removed.
    private func usableToken(_ secret: String, in unit: UnitOfWork, ignoringExpiry: Bool = false) async throws
        -> (Stored<PasswordToken>, Stored<AccountUser>) {
        guard let token = try await TokenIssuer(unit: unit).verify(secret) else { throw PasswordError(.invalidToken) }
        switch token.record.state {
        case .used: throw PasswordError(.tokenUsed)
        case .voided: throw PasswordError(.tokenReplaced)
        case .active: if !ignoringExpiry && unit.now >= token.record.expiresAt { throw PasswordError(.tokenExpired) }
        }
        guard let user = try await unit.fetch(AccountUser.self, id: token.record.userID), user.record.status != .removed,
              try await unit.fetch(BusinessAccount.self, id: token.record.accountID) != nil else {
            throw PasswordError(.invalidToken)
        }
        return (token, user)
    }

    /// Removes the claim `claimID` after the identity adapter failed, so the link works at once (R-UOW-1).
    private func release(_ claimID: String, of tokenID: String, userID: AccountUser.ID, because error: IdentityError) async throws {
        try await context.transact("password.identityFailed", as: .system("password")) { unit in
            if let claim = try await unit.fetch(PasswordTokenClaim.self, id: tokenID), claim.record.claimID == claimID {
                try unit.delete(claim)
            }
            try unit.audit(userID, "password.identityFailed", reason: error.detail)
        }
    }

    /// Asks for a new password link for `email` (R-PWD-1, R-ID-3). The answer is the same in every
    /// case and comes at once: the call reads the holder of the address and writes one
    /// ``PasswordResetRequest`` of the same size whether or not the address has an account; the
    /// ``PasswordResetJob`` then issues the token and the mail, or audits the refusal.
    public func requestPasswordReset(email text: String) async throws -> ResetAnswer {
        guard let email = try? EmailAddress(text) else { return .mailSentIfAccountExists }
        let key = BusinessAccountApplication.emailKey(email)
        try await context.transact("password.reset", as: .system("password")) { unit in
            let holder = try await unit.holder(of: key)
            let target: String
            switch holder?.kind {
            case AccountUser.kind?: target = "user:" + (holder?.id ?? "")
            case BusinessAccountApplication.kind?: target = "application:" + (holder?.id ?? "")
            default: target = "none"
            }
            try unit.insert(PasswordResetRequest(id: context.ids.next("reset"), target: target,
                                                 addressFingerprint: context.tokenKeys.fingerprint(email.key),
                                                 requestedAt: unit.now))
        }
        return .mailSentIfAccountExists
    }

    /// Checks an e-mail and password (R-PWD-3, R-ID-2) and returns the active user and their account.
    ///
    /// Nothing in the answer or its cost tells whether the address has an account: an unknown,
    /// invited or removed user, a password over the policy's maximum length and a locked key all
    /// cost one password check of the identity adapter (``IdentityProvider/verifyUnknownUser(password:)``
    /// where there is no active user), and every refusal is the same
    /// ``PasswordError/Reason/invalidCredentials`` — except a lock, which is
    /// ``PasswordError/Reason/tryAgainLater`` with ``PasswordError/retryAt`` and is kept per
    /// normalised address whether or not it has an account.
    ///
    /// Throttling (``SignInThrottlePolicy``): failures count against the normalised address and, if
    /// the host passes one, `clientKey` (e.g. the client's network address); a key that fails the
    /// policy's attempts within its window is locked for the lock time. The state is in the store.
    /// A successful sign-in clears the address's failures; setting a new password with a link lifts
    /// its lock (a reset request does not).
    public func signIn(email text: String, password: String, clientKey: String? = nil) async throws -> SignedIn {
        let policy = context.policy.passwords
        let throttle = SignInThrottle(policy: policy.throttle, keys: context.tokenKeys)
        let email = try? EmailAddress(text)
        let addressKey = throttle.key(email: email?.key ?? text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        let keys = [addressKey] + (clientKey.map { [throttle.key(client: $0)] } ?? [])
        let now = context.time.now()
        let (user, lockedUntil) = try await context.read("password.signIn", as: .system("password")) { unit in
            var user: AccountUser?
            if let email { user = try await unit.fetch(AccountUser.self, holding: BusinessAccountApplication.emailKey(email))?.record }
            return (user, try await throttle.lockedUntil(keys, in: unit, now: now))
        }
        // The identity adapter is an outside call: made after the read, never inside a unit (R-UOW-1).
        // One check on every path (R-ID-2).
        let matches: Bool
        if let user, user.status == .active, lockedUntil == nil, password.count <= policy.maximumLength {
            matches = try await context.identity.verifyPassword(password, userID: user.id.rawValue)
        } else {
            _ = try await context.identity.verifyUnknownUser(password: password)
            matches = false
        }
        if let lockedUntil {
            throw PasswordError(.tryAgainLater, facts: ["retryAt": Self.describe(lockedUntil, in: context.policy.timeZone)],
                                retryAt: lockedUntil)
        }
        guard matches, let user else {
            try await context.transact("password.signInFailed", as: .system("password")) { unit in
                try await throttle.recordFailure(keys, in: unit, now: now)
            }
            throw PasswordError(.invalidCredentials)
        }
        let account = try await context.transact("password.signedIn", as: .system("password")) { unit in
            try await throttle.clear(addressKey, in: unit)
            return try await unit.fetch(BusinessAccount.self, id: user.accountID)?.record
        }
        guard let account else { throw PasswordError(.invalidCredentials) }
        return SignedIn(user: user, account: account, credentialVersion: try await context.identity.credentialVersion(userID: user.id.rawValue))
    }

    /// `date` as a person reads it in the policy's time zone, e.g. `2026-11-27 10:15`.
    static func describe(_ date: Date, in zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}
