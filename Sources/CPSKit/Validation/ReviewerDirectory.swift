/// Who the reviewers are (R-VAL-1, R-ID-4): the ``Reviewer`` records in the store (added with
/// ``ReviewerService``), plus any the host lists itself — for example from its single sign-on
/// configuration. A ``Principal/reviewer(_:)-enum.case`` whose ID is in neither, or whose record is removed, is
/// refused with ``AuthorizationError/Reason/unknownReviewer``.
public struct ReviewerDirectory: Sendable {
    /// The reviewers the host lists, by ID; looked up before the store, so a listed ID shadows a stored
    /// reviewer with the same ID (give listed reviewers IDs of their own, e.g. `sso:…`).
    public let listed: [String: Reviewer]

    /// A directory of the stored reviewers and `listed` ones.
    public init(listed: [Reviewer] = []) {
        self.listed = Dictionary(listed.map { ($0.id.rawValue, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The stored reviewers only.
    public static let stored = ReviewerDirectory()
}
