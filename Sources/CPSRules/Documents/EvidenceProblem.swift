/// Why a document does not satisfy a requirement (R-DOC-6), in the manner of a verification API's
/// `errors` list: a code for programs and a message for people, which names the document by its file
/// name and fields and kinds by their names in the reader's language (R-MSG-1).
public struct EvidenceProblem: Hashable, Codable, Sendable, LocalizedFailure {
    /// The kind of problem.
    public struct Reason: Hashable, Codable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable, Codable {
            case wrongKind, fieldNotVisible, mismatch, tooOld, badFile, notYetExamined
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``EvidenceProblem/code``.
        public var description: String { representation.rawValue }
        /// The reason's name (as the enum of CPSKit 0.x had it).
        public var rawValue: String { representation.rawValue }

        /// The document's kind is not accepted for this requirement.
        public static let wrongKind = Reason(.wrongKind)
        /// A required field is not visible on the document.
        public static let fieldNotVisible = Reason(.fieldNotVisible)
        /// A visible field differs from the application.
        public static let mismatch = Reason(.mismatch)
        /// The document is older than the edition allows.
        public static let tooOld = Reason(.tooOld)
        /// The file itself is not acceptable.
        public static let badFile = Reason(.badFile)
        /// Nobody has examined the document yet.
        public static let notYetExamined = Reason(.notYetExamined)

        /// Decodes the reason's name.
        public init(from decoder: any Decoder) throws {
            representation = try decoder.singleValueContainer().decode(Representation.self)
        }

        /// Encodes the reason's name.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            try container.encode(representation)
        }
    }

    /// The kind of problem.
    public let reason: Reason
    /// The document concerned (for programs; the message uses ``fileName``).
    public let documentID: EvidenceDocument.ID
    /// The document's file name, as the applicant gave it: how a message names the document.
    public let fileName: String?
    /// The field concerned, for `fieldNotVisible` and `mismatch` (e.g. `companyName`, `address.city`).
    public let field: String?
    /// What the document shows, for `mismatch` (the kind's code for `wrongKind`, the ISO issue date for
    /// `tooOld`).
    public let found: String?
    /// What the application says (or the limit), for `mismatch`, `wrongKind` (the accepted kinds'
    /// codes, comma-separated) and `tooOld` (the oldest ISO date allowed).
    public let expected: String?

    /// Creates a problem.
    public init(_ reason: Reason, documentID: EvidenceDocument.ID, fileName: String? = nil, field: String? = nil,
                found: String? = nil, expected: String? = nil) {
        self.reason = reason
        self.documentID = documentID
        self.fileName = fileName
        self.field = field
        self.found = found
        self.expected = expected
    }

    /// `evidence.<reason>`.
    public var code: String { "evidence.\(reason)" }
    /// Always ``FailureCategory/refusal``: the evidence must change.
    public var category: FailureCategory { .refusal }
    /// `evidence.problem.<reason>`, or `….unnamed` when the file name is not known.
    public var textKey: TextKey {
        TextKey("evidence.problem.\(reason)" + ((fileName ?? "").isEmpty ? ".unnamed" : ""))
    }

    /// The file name as text, kinds and fields by their names, dates as days (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        var arguments: [String: MessageArgument] = ["document": .text(fileName ?? "")]
        if let field { arguments["field"] = .field(FieldName(field)) }
        switch reason.representation {
        case .wrongKind:
            arguments["found"] = found.map { .term(EvidenceKind($0).textKey) } ?? .text("")
            let kinds = (expected ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            arguments["expected"] = .alternatives(kinds.map { .term(EvidenceKind($0).textKey) })
        case .tooOld:
            arguments["found"] = found.flatMap { CalendarDay(iso: $0) }.map(MessageArgument.day) ?? .text(found ?? "")
            arguments["expected"] = expected.flatMap { CalendarDay(iso: $0) }.map(MessageArgument.day) ?? .text(expected ?? "")
        case .fieldNotVisible, .mismatch, .badFile, .notYetExamined:
            arguments["found"] = .text(found ?? "")
            arguments["expected"] = .text(expected ?? "")
        }
        return arguments
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`, each with and
    /// without a file name, and a mismatch for every compared field.
    package static var examples: [EvidenceProblem] {
        Reason.Representation.allCases.flatMap { representation -> [EvidenceProblem] in
            let problems: [EvidenceProblem]
            switch representation {
            case .wrongKind:
                problems = [EvidenceProblem(.wrongKind, documentID: "document-1", fileName: "momsbevis.pdf",
                                            found: "vatRegistrationCertificate",
                                            expected: "companyInvoice, businessLicence, articlesOfAssociation")]
            case .fieldNotVisible:
                problems = ["companyName", "vatNumber", "address", "issueDate"].map {
                    EvidenceProblem(.fieldNotVisible, documentID: "document-1", fileName: "faktura.pdf", field: $0)
                }
            case .mismatch:
                problems = [("companyName", "Foo GmbH", "Foo AB"), ("vatNumber", "DE136695976", "SE556677889901"),
                            ("address.street", "Storgatan 2", "Storgatan 1"), ("address.postalCode", "11122", "11123"),
                            ("address.city", "Malmö", "Stockholm")].map {
                    EvidenceProblem(.mismatch, documentID: "document-1", fileName: "faktura.pdf", field: $0.0,
                                    found: $0.1, expected: $0.2)
                }
            case .tooOld:
                problems = [EvidenceProblem(.tooOld, documentID: "document-1", fileName: "facture.pdf", field: "issueDate",
                                            found: "2026-01-15", expected: "2026-09-01")]
            case .badFile:
                problems = [EvidenceProblem(.badFile, documentID: "document-1", fileName: "scan.png")]
            case .notYetExamined:
                problems = [EvidenceProblem(.notYetExamined, documentID: "document-1", fileName: "scan.png")]
            }
            return problems + problems.prefix(1).map {
                EvidenceProblem($0.reason, documentID: $0.documentID, field: $0.field, found: $0.found, expected: $0.expected)
            }
        }
    }
}
