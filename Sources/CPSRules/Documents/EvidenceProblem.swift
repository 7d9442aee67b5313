/// Why a document does not satisfy a requirement (R-DOC-6), in the manner of a verification API's
/// `errors` list: a code for programs and a message for people.
public struct EvidenceProblem: Hashable, Codable, Sendable, LocalizedFailure {
    /// The kind of problem.
    public enum Reason: String, Hashable, Codable, Sendable {
        /// The document's kind is not accepted for this requirement.
        case wrongKind
        /// A required field is not visible on the document.
        case fieldNotVisible
        /// A visible field differs from the application.
        case mismatch
        /// The document is older than the edition allows.
        case tooOld
        /// The file itself is not acceptable.
        case badFile
        /// Nobody has examined the document yet.
        case notYetExamined
    }

    /// The kind of problem.
    public let reason: Reason
    /// The document concerned.
    public let documentID: String
    /// The field concerned, for `fieldNotVisible` and `mismatch` (e.g. `companyName`, `address.city`).
    public let field: String?
    /// What the document shows, for `mismatch`.
    public let found: String?
    /// What the application says (or the limit), for `mismatch`, `wrongKind` and `tooOld`.
    public let expected: String?

    /// Creates a problem.
    public init(_ reason: Reason, documentID: String, field: String? = nil, found: String? = nil, expected: String? = nil) {
        self.reason = reason
        self.documentID = documentID
        self.field = field
        self.found = found
        self.expected = expected
    }

    public var code: String { "evidence.\(reason.rawValue)" }
    public var textKey: TextKey { TextKey("evidence.problem.\(reason.rawValue)") }
    public var textArguments: [String: String] {
        ["document": documentID, "field": field ?? "", "found": found ?? "", "expected": expected ?? ""]
    }
}
