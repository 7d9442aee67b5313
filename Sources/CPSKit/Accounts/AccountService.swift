import Foundation

/// A business account and its users (R-ACC-5): any user reads the account; only its superuser adds
/// and removes users. A user of another account is refused without learning anything. Every change
/// is one unit of work (R-UOW-1).
public struct AccountService: Sendable {
    let context: CPSContext

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// The account, for any of its active users.
    public func account(_ accountID: String, as principal: Principal) async throws -> BusinessAccount {
        try await context.read("account.view", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            guard let account = try await unit.fetch(BusinessAccount.self, id: accountID) else {
                throw AuthorizationError(.otherAccount, principal: principal)
            }
            return account.record
        }
    }

    /// The account's users (removed ones included, for the history), for any of its active users.
    public func users(of accountID: String, as principal: Principal) async throws -> [AccountUser] {
        try await context.read("account.users", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            return try await context.store.fetchAll(AccountUser.self, indexKey: AccountUser.accountIndex(accountID)).map(\.record)
        }
    }

    /// Adds a user (superuser only, R-ACC-5). The new user gets an e-mail with a password-set link
    /// in their language, which must be one of the context's catalog (`context.catalog.languages`):
    /// any other code (`""`, `"x"`, `"../../etc"`, a CR-LF fragment) is
    /// ``InputError/Reason/unsupportedLanguage`` and nothing is stored (R-MSG-1).
    ///
    /// With an `idempotencyKey` (R-UOW-1), a repeat with the same key and details returns the first
    /// answer and adds nobody.
    public func addUser(to accountID: String, name: String, email: String, language: Language = .english,
                        role: AccountUser.Role = .user, idempotencyKey: String? = nil,
                        as principal: Principal) async throws -> AccountUser {
        let name = try TextFieldRules.validate(name, field: "name", maxLength: context.policy.fieldLimits.personName)
        let address = try EmailAddress(email)
        let supported = context.catalog.languages
        guard supported.contains(language) else {
            throw InputError(.unsupportedLanguage, field: "language", value: language.code.shownSafely(),
                             limit: supported.map(\.code).joined(separator: ", "))
        }
        let request = NewUserRequest(name: name, email: address.key, language: language.code, role: role.rawValue)
        do {
            return try await context.transact("account.addUser", as: principal) { unit in
                guard let superuser = try await unit.authorize(.superuserOf(accountID: accountID)),
                      let account = try await unit.fetch(BusinessAccount.self, id: accountID) else {
                    throw AuthorizationError(.otherAccount, principal: principal)
                }
                let replayed = try await unit.replay(idempotencyKey, operation: "account.addUser", scope: accountID,
                                                     request: request, as: AccountUser.self)
                if let answer = replayed.answer { return answer }
                let user = AccountUser(id: context.ids.next("user"), accountID: accountID, name: name, email: address,
                                       language: language, role: role, createdAt: unit.now)
                try unit.insert(user)
                let issued = try await TokenIssuer(unit: unit).issue(for: user, purpose: .firstPassword)
                try unit.mail("userInvited", to: user, facts: [
                    "name": name, "inviter": superuser.record.name, "company": account.record.companyName,
                    "link": issued.link, "hours": String(context.policy.passwords.tokenLifetimeHours),
                ])
                try unit.audit(accountID, "user.added", details: ["user": user.id, "role": role.rawValue])
                try unit.remember(user, for: replayed.claim)
                return user
            }
        } catch let error as StorageError where error.reason == .uniqueKeyTaken && error.subject?.hasPrefix("email:") == true {
            throw AccountError(.emailInUse, facts: ["email": address.address])
        }
    }

    /// Removes a user (superuser only, R-ACC-5): the user can no longer sign in or use links; the
    /// record stays for the history and the e-mail is free again. A superuser cannot remove themself.
    public func removeUser(_ userID: String, from accountID: String, as principal: Principal) async throws {
        try await context.transact("account.removeUser", as: principal) { unit in
            guard let superuser = try await unit.authorize(.superuserOf(accountID: accountID)) else {
                throw AuthorizationError(.otherAccount, principal: principal)
            }
            guard var user = try await unit.fetch(AccountUser.self, id: userID), user.record.accountID == accountID,
                  user.record.status != .removed else {
                throw AccountError(.userNotFound, facts: ["user": userID])
            }
            guard user.record.id != superuser.record.id else { throw AccountError(.lastSuperuser) }
            user.record.status = .removed
            try unit.update(user)
            try await TokenIssuer(unit: unit).voidActiveTokens(of: userID)
            try unit.audit(accountID, "user.removed", details: ["user": userID])
        }
    }
}

/// The fingerprinted part of an add-user request (R-UOW-1 idempotency).
private struct NewUserRequest: Encodable {
    let name: String
    let email: String
    let language: String
    let role: String
}
