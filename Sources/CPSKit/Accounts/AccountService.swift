import Foundation

/// A business account and its users (R-ACC-5): any user reads the account; only its superuser adds
/// and removes users. A user of another account is refused without learning anything.
public struct AccountService: Sendable {
    let context: CPSContext
    private var access: AccessControl { AccessControl(store: context.store) }

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// The account, for any of its active users.
    public func account(_ accountID: String, as principal: Principal) async throws -> BusinessAccount {
        _ = try await access.requireUser(principal, of: accountID)
        guard let account = try await context.store.fetch(BusinessAccount.self, id: accountID) else {
            throw AuthorizationError(.otherAccount, principal: principal)
        }
        return account.record
    }

    /// The account's users (removed ones included, for the history), for any of its active users.
    public func users(of accountID: String, as principal: Principal) async throws -> [AccountUser] {
        _ = try await access.requireUser(principal, of: accountID)
        return try await context.store.fetchAll(AccountUser.self, indexKey: "account:\(accountID)").map(\.record)
    }

    /// Adds a user (superuser only, R-ACC-5). The new user gets an e-mail with a password-set link
    /// in their language.
    public func addUser(to accountID: String, name: String, email: String, language: Language = .english,
                        role: AccountUser.Role = .user, as principal: Principal) async throws -> AccountUser {
        let superuser = try await access.requireUser(principal, of: accountID, superuser: true)
        let name = try TextFieldRules.validate(name, field: "name", maxLength: context.policy.fieldLimits.personName)
        let address = try EmailAddress(email)
        guard let account = try await context.store.fetch(BusinessAccount.self, id: accountID) else {
            throw AuthorizationError(.otherAccount, principal: principal)
        }
        let now = context.time.now()
        let user = AccountUser(id: context.ids.next("user"), accountID: accountID, name: name, email: address,
                               language: language, role: role, createdAt: now)
        var batch = WriteBatch()
        try batch.insert(user)
        let issued = try await TokenIssuer(context: context).issue(for: user, purpose: .firstPassword, at: now, into: &batch)
        let composer = MailComposer(policy: context.policy.mail, catalog: context.catalog, ids: context.ids)
        try batch.insert(composer.compose(
            "userInvited", to: MailAddress(address, name: name), language: language,
            facts: ["name": name, "inviter": superuser.record.name, "company": account.record.companyName,
                    "link": issued.link, "hours": String(context.policy.passwords.tokenLifetimeHours)],
            date: now))
        try batch.insert(AuditEntry(id: context.ids.next("audit"), subject: accountID, action: "user.added", actor: principal,
                                    at: now, details: ["user": user.id, "role": role.rawValue]))
        do {
            try await context.store.commit(batch)
        } catch {
            if error.reason == .uniqueKeyTaken, error.subject?.hasPrefix("email:") == true {
                throw AccountError(.emailInUse, facts: ["email": address.address])
            }
            throw error
        }
        return user
    }

    /// Removes a user (superuser only, R-ACC-5): the user can no longer sign in or use links; the
    /// record stays for the history and the e-mail is free again. A superuser cannot remove themself.
    public func removeUser(_ userID: String, from accountID: String, as principal: Principal) async throws {
        let superuser = try await access.requireUser(principal, of: accountID, superuser: true)
        guard var user = try await context.store.fetch(AccountUser.self, id: userID), user.record.accountID == accountID,
              user.record.status != .removed else {
            throw AccountError(.userNotFound, facts: ["user": userID])
        }
        guard user.record.id != superuser.record.id else { throw AccountError(.lastSuperuser) }
        let now = context.time.now()
        user.record.status = .removed
        var batch = WriteBatch()
        try batch.update(user)
        for var token in try await context.store.fetchAll(PasswordToken.self, indexKey: "user:\(userID)")
        where token.record.state == .active {
            token.record.state = .voided
            try batch.update(token)
        }
        try batch.insert(AuditEntry(id: context.ids.next("audit"), subject: accountID, action: "user.removed",
                                    actor: principal, at: now, details: ["user": userID]))
        try await context.store.commit(batch)
    }
}
