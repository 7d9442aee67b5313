import Foundation

/// A business account and its users (R-ACC-5): any user reads the account; only its superuser adds
/// and removes users. A user of another account is refused without learning anything. Every change
/// is one unit of work (R-UOW-1).
public struct AccountService: Sendable {
    let context: CPSContext

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// The account, for any of its active users.
    public func account(_ accountID: BusinessAccount.ID, as principal: Principal) async throws -> BusinessAccount {
        try await context.read("account.view", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            guard let account = try await unit.fetch(BusinessAccount.self, id: accountID) else {
                throw AuthorizationError(.otherAccount, principal: principal)
            }
            return account.record
        }
    }

    /// The user `principal` is (R-ACC-5): the signed-in person, e.g. right after
    /// ``PasswordService/signIn(email:password:clientKey:)``, with their account ID, role and language. Only an
    /// active account user; any other principal is refused with ``AuthorizationError``.
    ///
    /// ```swift
    /// let anna = try await cps.passwords.signIn(email: typedEmail, password: typedPassword)
    /// let me = try await cps.accounts.user(as: anna)     // me.accountID, me.role, me.language
    /// ```
    public func user(as principal: Principal) async throws -> AccountUser {
        try await context.read("account.me", as: principal) { unit in
            guard case .accountUser(let userID) = principal,
                  let user = try await unit.fetch(AccountUser.self, id: AccountUser.ID(userID)) else {
                throw AuthorizationError(.wrongPrincipal, principal: principal)
            }
            _ = try await unit.authorize(.userOf(accountID: user.record.accountID))
            return user.record
        }
    }

    /// The account of the active account user `principal` (R-ACC-5): what a portal shows after sign-in.
    public func account(as principal: Principal) async throws -> BusinessAccount {
        try await account(try await user(as: principal).accountID, as: principal)
    }

    /// The user whose e-mail is `email` (compared ignoring case, R-ACC-4), or `nil` when no user holds
    /// it (a removed user no longer does). A reviewer or a job may look up any user; an account user
    /// finds only the users of their own account — for another account's address the answer is `nil`,
    /// as for an unknown one, so nothing is learned about other accounts.
    ///
    /// - Throws: ``InputError`` when `email` is not an e-mail address; ``AuthorizationError`` for an
    ///   applicant or an inactive user.
    public func user(withEmail email: String, as principal: Principal) async throws -> AccountUser? {
        let key = BusinessAccountApplication.emailKey(try EmailAddress(email))
        return try await context.read("account.userByEmail", as: principal) { unit in
            guard case .accountUser(let userID) = principal else {
                try await unit.authorize(.anyOf([.reviewer, .system]))
                return try await unit.fetch(AccountUser.self, holding: key)?.record
            }
            guard let me = try await unit.fetch(AccountUser.self, id: AccountUser.ID(userID)) else {
                throw AuthorizationError(.otherAccount, principal: principal)
            }
            _ = try await unit.authorize(.userOf(accountID: me.record.accountID))
            guard let found = try await unit.fetch(AccountUser.self, holding: key),
                  found.record.accountID == me.record.accountID else { return nil }
            return found.record
        }
    }

    /// The account one of whose users has the e-mail `email` (R-ACC-4), or `nil`; the rules of
    /// ``user(withEmail:as:)`` apply (a reviewer or a job: any account; an account user: their own).
    public func account(withEmail email: String, as principal: Principal) async throws -> BusinessAccount? {
        guard let user = try await user(withEmail: email, as: principal) else { return nil }
        return try await context.read("account.byEmail", as: principal) { unit in
            try await unit.fetch(BusinessAccount.self, id: user.accountID)?.record
        }
    }

    /// The account's users (removed ones included, for the history), for any of its active users.
    public func users(of accountID: BusinessAccount.ID, as principal: Principal) async throws -> [AccountUser] {
        try await context.read("account.users", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            return try await context.store.fetchAll(AccountUser.self, indexKey: AccountUser.byAccount(accountID)).map(\.record)
        }
    }

    /// Adds a user (superuser only, R-ACC-5). The new user gets an e-mail with a password-set link
    /// in their language, which must be one of the context's catalog (`context.catalog.languages`):
    /// any other code (`""`, `"x"`, `"../../etc"`, a CR-LF fragment) is
    /// ``InputError/Reason/unsupportedLanguage`` and nothing is stored (R-MSG-1).
    ///
    /// With an `idempotencyKey` (R-UOW-1), a repeat with the same key and details returns the first
    /// answer and adds nobody.
    public func addUser(to accountID: BusinessAccount.ID, name: String, email: String, language: Language = .english,
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
                let replayed = try await unit.replay(idempotencyKey, operation: "account.addUser", scope: accountID.rawValue,
                                                     request: request, as: AccountUser.self)
                if let answer = replayed.answer { return answer }
                let user = AccountUser(id: context.ids.next("user"), accountID: accountID, name: name, email: address,
                                       language: language, role: role, createdAt: unit.now)
                try unit.insert(user)
                let token = try await TokenIssuer(unit: unit).issue(for: user, purpose: .firstPassword)
                try unit.mail("userInvited", to: user, passwordLink: token, facts: [
                    "name": name, "inviter": superuser.record.name, "company": account.record.companyName,
                    "hours": String(context.policy.passwords.tokenLifetimeHours),
                ])
                try unit.audit(accountID, "user.added", details: ["user": user.id.rawValue, "role": role.rawValue])
                try unit.remember(user, for: replayed.claim)
                return user
            }
        } catch let error as StorageError where error.reason == .uniqueKeyTaken && error.subject?.hasPrefix("email:") == true {
            let holder = try await context.store.fetch(AccountUser.self, holding: BusinessAccountApplication.emailKey(address))
            throw AccountError(.emailInUse, facts: ["email": address.address],
                               existingID: holder?.record.accountID == accountID ? holder?.record.id : nil)
        }
    }

    /// Removes a user (superuser only, R-ACC-5): the user can no longer sign in or use links; the
    /// record stays for the history and the e-mail is free again. A superuser cannot remove themself.
    public func removeUser(_ userID: AccountUser.ID, from accountID: BusinessAccount.ID, as principal: Principal) async throws {
        try await context.transact("account.removeUser", as: principal) { unit in
            guard let superuser = try await unit.authorize(.superuserOf(accountID: accountID)) else {
                throw AuthorizationError(.otherAccount, principal: principal)
            }
            guard var user = try await unit.fetch(AccountUser.self, id: userID), user.record.accountID == accountID,
                  user.record.status != .removed else {
                throw AccountError(.userNotFound, facts: ["user": userID.rawValue])
            }
            guard user.record.id != superuser.record.id else { throw AccountError(.lastSuperuser) }
            user.record.status = .removed
            try unit.update(user)
            try await TokenIssuer(unit: unit).voidActiveTokens(of: userID)
            try unit.audit(accountID, "user.removed", details: ["user": userID.rawValue])
        }
    }

    /// Sets (or, with `nil`, clears) the account's Peppol electronic address, the buyer's EndpointID
    /// of its e-invoices (R-IDOC-2). Superuser of the account only; audited. Without one, the address
    /// is derived from the VAT number where a scheme exists (SE, NO, NL, DE), else UBL is refused.
    @discardableResult
    public func setElectronicAddress(_ address: ElectronicAddress?, of accountID: BusinessAccount.ID,
                                     as principal: Principal) async throws -> BusinessAccount {
        try await context.transact("account.setElectronicAddress", as: principal) { unit in
            guard try await unit.authorize(.superuserOf(accountID: accountID)) != nil else {
                throw AuthorizationError(.otherAccount, principal: principal)
            }
            guard var account = try await unit.fetch(BusinessAccount.self, id: accountID) else {
                throw AuthorizationError(.otherAccount, principal: principal)
            }
            guard account.record.electronicAddress != address else { return account.record }
            account.record.electronicAddress = address
            try unit.update(account)
            try unit.audit(accountID, "account.electronicAddressSet", details: ["electronicAddress": address?.description ?? ""])
            return account.record
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
