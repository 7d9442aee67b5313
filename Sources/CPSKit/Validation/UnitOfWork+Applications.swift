import Foundation

// Reading an application through a unit of work, as the onboarding and review services both do
// (R-ACC-5, R-VAL-1): a shared step, so neither service builds the other.
extension UnitOfWork {
    /// The application `id`, for its applicant (and, unless `applicantOnly`, a reviewer). An unknown ID
    /// is "not found" for a reviewer and "applicant only" for anyone else, so nobody learns which
    /// applications exist.
    func application(_ id: BusinessAccountApplication.ID, applicantOnly: Bool = false) async throws -> Stored<BusinessAccountApplication> {
        guard let stored = try await fetch(BusinessAccountApplication.self, id: id) else {
            if case .reviewer = principal, !applicantOnly { throw ApplicationError(.notFound, applicationID: id) }
            throw AuthorizationError(.applicantOnly, principal: principal)
        }
        if applicantOnly {
            try await authorize(.applicantOf(stored.record))
        } else {
            try await authorize(.anyOf([.applicantOf(stored.record), .reviewer]))
        }
        return stored
    }

    /// The state of every evidence requirement of `application` (R-DOC-6), counted from its
    /// submission day (today before it is submitted).
    func evidenceEvaluation(of application: BusinessAccountApplication) -> EvidenceEvaluation {
        EvidenceEvaluator.evaluate(application.documents, for: application.evidenceApplicant, policy: policy.evidence,
                                   referenceDay: application.submissionDay ?? today)
    }

    /// Refuses unless the application is in one of `statuses`.
    func require(_ application: BusinessAccountApplication, in statuses: Set<ApplicationStatus>) throws(ApplicationError) {
        guard statuses.contains(application.status) else {
            throw ApplicationError(.wrongStatus, applicationID: application.id, facts: ["status": application.status.rawValue])
        }
    }
}
