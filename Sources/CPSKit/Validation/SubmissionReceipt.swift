/// What the applicant is told after submitting (R-VAL-1, R-VAL-2, R-DOC-6): the application, when a
/// decision is expected, and the state of the evidence.
public struct SubmissionReceipt: Sendable, Equatable {
    /// The submitted application.
    public let application: BusinessAccountApplication
    /// When the decision is due.
    public let deadline: ValidationDeadline
    /// The evidence as it stands (documents usually await examination by a reviewer).
    public let evidence: EvidenceEvaluation
}
