import Foundation

/// The reviewer directory (R-VAL-1, R-ID-4): reviewers are people known by e-mail, added and removed
/// by the host (a ``Principal/system(_:)``, e.g. `cps reviewers add`), with credentials kept by the
/// identity adapter under the reviewer's ID. A review call's ``Principal/reviewer(_:)-enum.case`` names a
/// reviewer of this directory (or of ``CPSContext/reviewers``); any other is refused.
public struct ReviewerService: Sendable {
    let context: CPSContext

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// Adds a reviewer (system only). The e-mail is unique among active reviewers.
    ///
    /// - Throws: ``ReviewerError/Reason/emailInUse``, ``InputError`` for a malformed name or e-mail.
    public func add(name: String, email: String, as principal: Principal) async throws -> Reviewer {
        let name = try TextFieldRules.validate(name, field: "name", maxLength: context.policy.fieldLimits.personName)
        let address = try EmailAddress(email)
        do {
            return try await context.transact("reviewer.add", as: principal) { unit in
                try await unit.authorize(.system)
                let reviewer = Reviewer(id: context.ids.next("reviewer"), email: address, name: name, addedAt: unit.now)
                try unit.insert(reviewer)
                try unit.audit(reviewer.id, "reviewer.added")
                return reviewer
            }
        } catch let error as StorageError where error.reason == .uniqueKeyTaken {
            throw ReviewerError(.emailInUse, facts: ["email": address.address])
        }
    }

    /// Gives the reviewer with `email` the password `password` through the identity adapter (system
    /// only; R-PWD-2: the policy's rules apply; CPSKit keeps no password).
    ///
    /// - Throws: ``ReviewerError/Reason/notFound``, ``PasswordError/Reason/weakPassword``,
    ///   ``IdentityError`` when the adapter fails.
    public func setPassword(_ password: String, forReviewer email: String, as principal: Principal) async throws {
        let reviewer = try await active(email, as: principal)
        let broken = PasswordRules.violations(of: password, email: reviewer.email, policy: context.policy.passwords)
        guard broken.isEmpty else {
            throw PasswordError(.weakPassword, rules: broken, facts: ["minimum": String(context.policy.passwords.minimumLength)])
        }
        try await context.identity.setPassword(password, userID: reviewer.id.rawValue, email: reviewer.email)
    }

    /// Removes the reviewer with `email` (system only): refused as a reviewer from then on; the record
    /// stays for the history and the e-mail is free again.
    public func remove(email: String, as principal: Principal) async throws {
        let address = try EmailAddress(email)
        try await context.transact("reviewer.remove", as: principal) { unit in
            try await unit.authorize(.system)
            guard var reviewer = try await unit.fetch(Reviewer.self, holding: Reviewer.emailKey(address)) else {
                throw ReviewerError(.notFound, facts: ["email": address.address])
            }
            reviewer.record.status = .removed
            try unit.update(reviewer)
            try unit.audit(reviewer.record.id, "reviewer.removed")
        }
    }

    /// Every stored reviewer, removed ones included (system or reviewer).
    public func list(as principal: Principal) async throws -> [Reviewer] {
        try await context.read("reviewer.list", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
            return try await context.store.fetchAll(Reviewer.self, indexKey: Reviewer.allIndex).map(\.record)
        }
    }

    /// The principal of the active reviewer with `email` and `password`, checked by the identity
    /// adapter (R-ID-2: the error never says which was wrong).
    ///
    /// Throttled like ``PasswordService/signIn(email:password:clientKey:)``, through the same
    /// ``SignInThrottlePolicy`` and the same store records: failures count against the normalised
    /// address (one count per address, whichever door it is tried at) and, if the host passes one,
    /// `clientKey` (e.g. the client's network address); a key that fails the policy's attempts within
    /// its window is locked for the lock time, and every attempt while it is locked is refused with
    /// ``PasswordError/Reason/tryAgainLater`` and ``PasswordError/retryAt``, the right password too. An
    /// unknown, removed or locked reviewer costs the same one password check as a known one. A
    /// successful sign-in clears the address's failures.
    ///
    /// - Throws: ``PasswordError/Reason/invalidCredentials``, ``PasswordError/Reason/tryAgainLater``.
    public func signIn(email: String, password: String, clientKey: String? = nil) async throws -> Principal {
        let policy = context.policy.passwords
        let throttle = SignInThrottle(policy: policy.throttle, keys: context.tokenKeys)
        let address = try? EmailAddress(email)
        let addressKey = throttle.key(email: address?.key ?? email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased())
        let keys = [addressKey] + (clientKey.map { [throttle.key(client: $0)] } ?? [])
        let now = context.time.now()
        let (reviewer, lockedUntil) = try await context.read("reviewer.signIn", as: .system("reviewer")) { unit in
            var reviewer: Reviewer?
            if let address { reviewer = try await unit.fetch(Reviewer.self, holding: Reviewer.emailKey(address))?.record }
            return (reviewer, try await throttle.lockedUntil(keys, in: unit, now: now))
        }
        // The identity adapter is an outside call: after the read, never inside a unit (R-UOW-1); one
        // check on every path (R-ID-2).
        let matches: Bool
        if let reviewer, reviewer.status == .active, lockedUntil == nil, password.count <= policy.maximumLength {
            matches = try await context.identity.verifyPassword(password, userID: reviewer.id.rawValue)
        } else {
            _ = try await context.identity.verifyUnknownUser(password: password)
            matches = false
        }
        if let lockedUntil {
            throw PasswordError(.tryAgainLater, facts: ["retryAt": PasswordService.describe(lockedUntil, in: context.policy.timeZone)],
                                retryAt: lockedUntil)
        }
        guard matches, let reviewer else {
            try await context.transact("reviewer.signInFailed", as: .system("reviewer")) { unit in
                try await throttle.recordFailure(keys, in: unit, now: now)
            }
            throw PasswordError(.invalidCredentials)
        }
        try await context.transact("reviewer.signedIn", as: .system("reviewer")) { unit in
            try await throttle.clear(addressKey, in: unit)
        }
        return .reviewer(reviewer.id.rawValue)
    }

    private func active(_ email: String, as principal: Principal) async throws -> Reviewer {
        let address = try EmailAddress(email)
        return try await context.read("reviewer.find", as: principal) { unit in
            try await unit.authorize(.system)
            guard let reviewer = try await unit.fetch(Reviewer.self, holding: Reviewer.emailKey(address)) else {
                throw ReviewerError(.notFound, facts: ["email": address.address])
            }
            return reviewer.record
        }
    }
}
