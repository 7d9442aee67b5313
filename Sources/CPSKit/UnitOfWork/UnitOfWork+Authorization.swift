// The one authorisation entry point (R-ACC-5, R-ID-4). A user is read through the unit, so a user
// removed or demoted while the call runs fails its commit: the decision's read is checked.
extension UnitOfWork {
    /// Checks that this unit's principal meets `requirement`; returns the acting user when the
    /// requirement is about an account. A user of another account learns nothing about it.
    @discardableResult
    func authorize(_ requirement: AccessRequirement) async throws -> Stored<AccountUser>? {
        switch requirement {
        case .reviewer:
            _ = try await reviewer()
            return nil
        case .reviewerOf(let application):
            let reviewer = try await reviewer()
            if try await isParty(reviewer.email, to: application) {
                throw AuthorizationError(.reviewerIsParty, principal: principal)
            }
            return nil
        case .system:
            guard case .system = principal else { throw AuthorizationError(.wrongPrincipal, principal: principal) }
            return nil
        case .applicantOf(let application):
            guard case .applicant(let email) = principal, email == application.contactEmail else {
                throw AuthorizationError(.applicantOnly, principal: principal)
            }
            return nil
        case .userOf(let accountID):
            return try await user(of: accountID, superuser: false)
        case .superuserOf(let accountID):
            return try await user(of: accountID, superuser: true)
        case .anyOf(let requirements):
            var first: (any Error)?
            for candidate in requirements {
                do {
                    return try await authorize(candidate)
                } catch let error as AuthorizationError {
                    first = first ?? error
                }
            }
            throw first ?? AuthorizationError(.wrongPrincipal, principal: principal)
        }
    }

    /// The active reviewer the principal names: listed by the host, else stored (read through the
    /// unit, so a removal meanwhile fails the commit).
    private func reviewer() async throws -> Reviewer {
        guard case .reviewer(let id) = principal else { throw AuthorizationError(.reviewerOnly, principal: principal) }
        if let listed = context.reviewers.listed[id], listed.status == .active { return listed }
        guard let stored = try await fetch(Reviewer.self, id: Reviewer.ID(id)), stored.record.status == .active else {
            throw AuthorizationError(.unknownReviewer, principal: principal)
        }
        return stored.record
    }

    /// Whether `email` is the application's contact (the applicant), its old CPS e-mail, or an e-mail
    /// of a user of its account (R-VAL-1). ``EmailAddress`` compares whole addresses, ignoring case.
    private func isParty(_ email: EmailAddress, to application: BusinessAccountApplication) async throws -> Bool {
        if email == application.contactEmail || email == application.oldCPSEmail { return true }
        guard let accountID = application.accountID else { return false }
        return try await fetchAll(AccountUser.self, indexKey: AccountUser.byAccount(accountID))
            .contains { $0.record.email == email }
    }

    private func user(of accountID: BusinessAccount.ID, superuser: Bool) async throws -> Stored<AccountUser> {
        guard case .accountUser(let userID) = principal else {
            throw AuthorizationError(.wrongPrincipal, principal: principal)
        }
        guard let user = try await fetch(AccountUser.self, id: AccountUser.ID(userID)), user.record.accountID == accountID else {
            throw AuthorizationError(.otherAccount, principal: principal)
        }
        guard user.record.status == .active else { throw AuthorizationError(.inactiveUser, principal: principal) }
        if superuser, user.record.role != .superuser { throw AuthorizationError(.superuserOnly, principal: principal) }
        return user
    }
}
