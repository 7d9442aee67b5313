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
        guard secret.utf8.count >= 22, secret.utf8.count <= 200 else { throw PasswordError(.invalidToken) }
        // 1. Claim the token together with the activation, in one unit (R-UOW-1).
        let claimed = try await context.transact("password.set", as: .system("password")) { unit in
            guard var token = try await unit.fetch(PasswordToken.self, holding: PasswordToken.digestKey(hex)),
                  ConstantTime.equals(Array(token.record.digest.utf8), Array(hex.utf8)) else {
                throw PasswordError(.invalidToken)
            }
            switch token.record.state {
            case .used: throw PasswordError(.tokenUsed)
            case .voided: throw PasswordError(.tokenReplaced)
            case .active: if unit.now >= token.record.expiresAt { throw PasswordError(.tokenExpired) }
            }
            guard var user = try await unit.fetch(AccountUser.self, id: token.record.userID), user.record.status != .removed,
                  var account = try await unit.fetch(BusinessAccount.self, id: token.record.accountID) else {
                throw PasswordError(.invalidToken)
            }
            let broken = PasswordRules.violations(of: newPassword, email: user.record.email, policy: context.policy.passwords)
            guard broken.isEmpty else {
                throw PasswordError(.weakPassword, rules: broken, facts: ["minimum": String(context.policy.passwords.minimumLength),
                                                                               "maximum": String(context.policy.passwords.maximumLength)])
            }
            let before = Claim(token: token, user: user, account: account)
            token.record.state = .used
            token.record.usedAt = unit.now
            user.record.status = .active
            try unit.update(token)
            try unit.update(user)
            if account.record.status == .awaitingPassword {
                account.record.status = .active
                account.record.activatedAt = unit.now
                try unit.update(account)
            }
            try unit.audit(user.record.id, "password.set", details: ["token": token.record.id])
            return before
        }
        // 2. Hand the password over, outside any unit; undo the claim if the identity system fails.
        let user = claimed.user.record
        do {
            try await context.identity.setPassword(newPassword, userID: user.id, email: user.email)
        } catch {
            try await undo(claimed, because: error)
            throw error
        }
        var active = user
        active.status = .active
        return active
    }

    /// What a claim changed, as it was before (for the undo).
    private struct Claim: Sendable {
        let token: Stored<PasswordToken>
        let user: Stored<AccountUser>
        let account: Stored<BusinessAccount>
    }

    /// Puts back what the claim changed, on whatever version is current now (R-UOW-1: a record unit).
    private func undo(_ claim: Claim, because error: IdentityError) async throws {
        try await context.transact("password.identityFailed", as: .system("password")) { unit in
            if let token = try await unit.fetch(PasswordToken.self, id: claim.token.record.id) {
                try unit.update(Stored(record: claim.token.record, version: token.version))
            }
            if let user = try await unit.fetch(AccountUser.self, id: claim.user.record.id), user.record.status == .active,
               claim.user.record.status != .active {
                try unit.update(Stored(record: claim.user.record, version: user.version))
            }
            if let account = try await unit.fetch(BusinessAccount.self, id: claim.account.record.id),
               account.record.status != claim.account.record.status {
                try unit.update(Stored(record: claim.account.record, version: account.version))
            }
            try unit.audit(claim.user.record.id, "password.identityFailed", reason: error.detail)
        }
    }

    /// Sends a new password link if `email` belongs to an active user (R-PWD-1). The answer is the
    /// same in every case, so it never reveals whether the address has an account; a request for an
    /// address whose account is not yet created is refused internally and audited.
    public func requestPasswordReset(email text: String) async throws -> ResetAnswer {
        guard let email = try? EmailAddress(text) else { return .mailSentIfAccountExists }
        let key = BusinessAccountApplication.emailKey(email)
        try await context.transact("password.reset", as: .system("password")) { unit in
            if let user = try await unit.fetch(AccountUser.self, holding: key), user.record.status != .removed {
                let issued = try await TokenIssuer(unit: unit).issue(for: user.record, purpose: .reset)
                try unit.mail("passwordReset", to: user.record, facts: [
                    "name": user.record.name, "link": issued.link, MailMessage.linkTemplateFact: unit.policy.mail.passwordLinkTemplate,
                    "hours": String(context.policy.passwords.tokenLifetimeHours),
                ])
                try unit.audit(user.record.id, "password.resetSent")
            } else if let application = try await unit.fetch(BusinessAccountApplication.self, holding: key) {
                try unit.audit(application.record.id, "password.resetRefused",
                               reason: "account not yet created (application \(application.record.status.rawValue))")
            } else {
                try unit.audit("unknown-address", "password.resetRefused", reason: "no account for the address",
                               details: ["emailSHA256": SHA256.hexDigest(Array(email.key.utf8))])
            }
        }
        return .mailSentIfAccountExists
    }

    /// Checks an e-mail and password (R-PWD-3) and returns the principal of the active user; the
    /// error never says whether the e-mail or the password was wrong.
    public func signIn(email text: String, password: String) async throws -> Principal {
        guard let email = try? EmailAddress(text) else { throw PasswordError(.invalidCredentials) }
        let user = try await context.read("password.signIn", as: .system("password")) { unit in
            try await unit.fetch(AccountUser.self, holding: BusinessAccountApplication.emailKey(email))?.record
        }
        // The identity adapter is an outside call: made after the read, never inside a unit (R-UOW-1).
        guard let user, user.status == .active,
              try await context.identity.verifyPassword(password, userID: user.id) else {
            throw PasswordError(.invalidCredentials)
        }
        return .accountUser(user.id)
    }
}
