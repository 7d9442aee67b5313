/// Where an application stands in the validation workflow (R-VAL-1):
/// draft → submitted → in review → approved | rejected | more information requested (→ submitted).
public enum ApplicationStatus: String, Hashable, Codable, Sendable, CaseIterable {
    /// Being filled in by the applicant; not yet submitted.
    case draft
    /// Submitted; waits for a reviewer. The SLA runs (R-VAL-2).
    case submitted
    /// A reviewer is examining it. The SLA runs.
    case inReview
    /// The reviewer asked the applicant for more; the applicant changes it and submits again.
    case moreInformationRequested
    /// Approved: the business account exists (R-VAL-3).
    case approved
    /// Rejected, with reasons.
    case rejected

    /// Whether a reviewer's decision is awaited (the SLA clock runs).
    public var awaitsDecision: Bool { self == .submitted || self == .inReview }

    /// Whether the applicant may change documents and submit.
    public var isEditableByApplicant: Bool { self == .draft || self == .moreInformationRequested }

    /// Whether the application still holds its VAT number and e-mail against duplicates (R-ACC-4).
    public var isOpen: Bool { self != .rejected && self != .approved }
}

/// Named in the reader's language (R-MSG-1, R-VAL-1).
extension ApplicationStatus: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("application.status.\(rawValue)") }
}
