/// Evaluates an application's documents against its country edition (R-DOC-1…4, R-DOC-6). Pure: the
/// facts in, the evaluation with its explanation out.
public enum EvidenceEvaluator {
    /// The facts of the application that documents are compared with.
    public struct Applicant: Sendable {
        /// The company's legal name.
        public var companyName: String
        /// The registered address.
        public var address: PostalAddress
        /// The VAT number, when VAT-registered.
        public var vatNumber: VATNumber?

        /// Creates the facts.
        public init(companyName: String, address: PostalAddress, vatNumber: VATNumber?) {
            self.companyName = companyName
            self.address = address
            self.vatNumber = vatNumber
        }
    }

    /// The evaluation of `documents` for `applicant` under `policy`, with ages counted back from
    /// `referenceDay` (the submission date, or today before submission).
    public static func evaluate(_ documents: [EvidenceDocument], for applicant: Applicant,
                                policy: EvidencePolicy, referenceDay: CalendarDay) -> EvidenceEvaluation {
        let edition = policy.edition(for: applicant.address.country)
        let rule = applicant.vatNumber == nil ? edition.notVATRegistered : edition.vatRegistered
        let forms = policy.legalForms(for: applicant.address.country)
        var problems: [EvidenceProblem] = []
        var awaiting = false
        var accepted = false
        for document in documents {
            guard let acceptance = rule.acceptance(of: document.kind) else {
                problems.append(EvidenceProblem(.wrongKind, documentID: document.id, fileName: document.fileName, found: document.kind.rawValue,
                                                expected: rule.accepted.map(\.kind.rawValue).joined(separator: ", ")))
                continue
            }
            accepted = true
            guard let fields = document.visibleFields else {
                awaiting = true
                continue
            }
            let found = check(fields, documentID: document.id, fileName: document.fileName, rule: rule, acceptance: acceptance,
                              applicant: applicant, legalForms: forms, referenceDay: referenceDay)
            if found.isEmpty {
                return EvidenceEvaluation(requirements: [state(rule, .satisfied, by: document.id, problems: [])])
            }
            problems += found
        }
        let status: EvidenceEvaluation.RequirementState.Status =
            awaiting ? .awaitingExamination : (accepted || !problems.isEmpty ? .unmet : .missing)
        return EvidenceEvaluation(requirements: [state(rule, documents.isEmpty ? .missing : status, by: nil, problems: problems)])
    }

    private static func state(_ rule: EvidenceRequirementRule, _ status: EvidenceEvaluation.RequirementState.Status,
                              by document: EvidenceDocument.ID?, problems: [EvidenceProblem]) -> EvidenceEvaluation.RequirementState {
        .init(code: rule.code, status: status, satisfiedBy: document, acceptedKinds: rule.accepted.map(\.kind),
              requiredFields: rule.requiredFields, problems: problems)
    }

    /// The problems of one examined document of an accepted kind (empty: it satisfies the rule).
    static func check(_ fields: VisibleFields, documentID: EvidenceDocument.ID, fileName: String? = nil, rule: EvidenceRequirementRule,
                      acceptance: AcceptedDocument, applicant: Applicant, legalForms: [LegalForm],
                      referenceDay: CalendarDay) -> [EvidenceProblem] {
        var problems: [EvidenceProblem] = []
        func notVisible(_ field: String) { problems.append(EvidenceProblem(.fieldNotVisible, documentID: documentID, fileName: fileName, field: field)) }
        func mismatch(_ field: String, _ found: String, _ expected: String) {
            problems.append(EvidenceProblem(.mismatch, documentID: documentID, fileName: fileName, field: field, found: found, expected: expected))
        }
        for field in rule.requiredFields {
            switch field {
            case .companyName:
                guard let name = fields.companyName else { notVisible("companyName"); continue }
                if !NameMatcher.companyNamesMatch(name, applicant.companyName, legalForms: legalForms) {
                    mismatch("companyName", name, applicant.companyName)
                }
            case .vatNumber:
                guard let seen = fields.vatNumber else { notVisible("vatNumber"); continue }
                let expected = applicant.vatNumber?.canonical ?? ""
                if (try? VATNumber(seen))?.canonical != expected { mismatch("vatNumber", seen, applicant.vatNumber?.compact ?? "") }
            case .address:
                guard let street = fields.street, let postalCode = fields.postalCode, let city = fields.city else {
                    notVisible("address"); continue
                }
                let address = applicant.address
                if !NameMatcher.addressTextMatches(street, address.street) { mismatch("address.street", street, address.street) }
                if !NameMatcher.postalCodesMatch(postalCode, address.postalCode) {
                    mismatch("address.postalCode", postalCode, address.postalCode)
                }
                if !NameMatcher.addressTextMatches(city, address.city) { mismatch("address.city", city, address.city) }
            case .issueDate:
                if fields.issueDate == nil { notVisible("issueDate") }
            }
        }
        if let months = acceptance.maximumAgeMonths {
            if let issued = fields.issueDate {
                let oldestAllowed = referenceDay.adding(months: -months)
                if issued < oldestAllowed {
                    problems.append(EvidenceProblem(.tooOld, documentID: documentID, fileName: fileName, field: "issueDate",
                                                    found: issued.description, expected: oldestAllowed.description))
                }
            } else if !rule.requiredFields.contains(.issueDate) {
                notVisible("issueDate")
            }
        }
        return problems
    }
}
