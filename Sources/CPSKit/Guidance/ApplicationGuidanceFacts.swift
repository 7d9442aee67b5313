import Foundation

/// What the next steps of an application are built from (R-GUIDE-1): the application, the evaluation
/// of its evidence (R-DOC-6), the account it created (if approved), and the moment of asking.
/// ``GuidanceService`` loads it; tests and hosts may build it directly.
public struct ApplicationGuidanceFacts: Sendable {
    /// The application (R-ACC-1, R-VAL-1).
    public var application: BusinessAccountApplication
    /// The state of each evidence requirement (R-DOC-1…6).
    public var evidence: EvidenceEvaluation
    /// The account the approval created, if any (R-VAL-3, R-PWD-3).
    public var account: BusinessAccount?
    /// When the steps are asked for (R-VAL-2: whether the expected date has passed).
    public var now: Date

    /// Creates the facts (R-GUIDE-1).
    public init(application: BusinessAccountApplication, evidence: EvidenceEvaluation, account: BusinessAccount?, now: Date) {
        self.application = application
        self.evidence = evidence
        self.account = account
        self.now = now
    }
}
