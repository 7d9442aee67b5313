/// The checks every service call makes on its principal (R-ACC-5). Internal: services call these
/// before reading or writing anything.
struct AccessControl: Sendable {
    let store: any RecordStore

    /// Only a reviewer.
    func requireReviewer(_ principal: Principal) throws(AuthorizationError) {
        guard case .reviewer = principal else { throw AuthorizationError(.reviewerOnly, principal: principal) }
    }

    /// The applicant of `application` or a reviewer.
    func requireApplicantOrReviewer(_ principal: Principal, of application: BusinessAccountApplication) throws(AuthorizationError) {
        switch principal {
        case .reviewer: return
        case .applicant(let email) where email == application.contactEmail: return
        default: throw AuthorizationError(.applicantOnly, principal: principal)
        }
    }

    /// The applicant of `application` only.
    func requireApplicant(_ principal: Principal, of application: BusinessAccountApplication) throws(AuthorizationError) {
        guard case .applicant(let email) = principal, email == application.contactEmail else {
            throw AuthorizationError(.applicantOnly, principal: principal)
        }
    }

    /// The active user behind `principal`, who must belong to `accountID` (and be a superuser when
    /// `superuser` is true). A user of another account learns nothing about `accountID`.
    func requireUser(_ principal: Principal, of accountID: String, superuser: Bool = false) async throws -> Stored<AccountUser> {
        guard case .accountUser(let userID) = principal else {
            throw AuthorizationError(.wrongPrincipal, principal: principal)
        }
        guard let user = try await store.fetch(AccountUser.self, id: userID), user.record.accountID == accountID else {
            throw AuthorizationError(.otherAccount, principal: principal)
        }
        guard user.record.status == .active else { throw AuthorizationError(.inactiveUser, principal: principal) }
        if superuser, user.record.role != .superuser { throw AuthorizationError(.superuserOnly, principal: principal) }
        return user
    }
}
