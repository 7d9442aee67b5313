import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Evidence requirements and their explanations (R-DOC-1…4, R-DOC-6)")
struct EvidenceEvaluatorTests {
    static let day = CalendarDay(year: 2026, month: 11, day: 27)!

    static func applicant(vat: String? = "SE556677889901", country: String = "SE") throws -> EvidenceEvaluator.Applicant {
        EvidenceEvaluator.Applicant(
            companyName: "Ljusbild Foto AB",
            address: try PostalAddress(street: "Storgatan 12", postalCode: "111 22", city: "Stockholm", country: country),
            vatNumber: try vat.map { try VATNumber($0) })
    }

    static func document(_ kind: EvidenceKind, _ fields: VisibleFields?, id: String = "document-1") -> EvidenceDocument {
        EvidenceDocument(id: EvidenceDocument.ID(id), kind: kind, fileName: "f.pdf", mediaType: .pdf, byteCount: 10, sha256: "",
                         addedAt: Date(timeIntervalSince1970: 0), visibleFields: fields)
    }

    static func evaluate(_ documents: [EvidenceDocument], _ applicant: EvidenceEvaluator.Applicant) -> EvidenceEvaluation {
        EvidenceEvaluator.evaluate(documents, for: applicant, policy: .canonEurope, referenceDay: day)
    }

    static let full = VisibleFields(companyName: "Ljusbild Foto Aktiebolag", vatNumber: "SE 5566778899 01",
                                    street: "Storgatan 12", postalCode: "11122", city: "Stockholm")

    @Test("R-DOC-1: a VAT certificate or a company invoice showing VAT number and name satisfies it",
          arguments: [EvidenceKind.vatRegistrationCertificate, .companyInvoice])
    func vatRegistered(kind: EvidenceKind) throws {
        let result = Self.evaluate([Self.document(kind, Self.full)], try Self.applicant())
        #expect(result.isSatisfied)
        #expect(result.requirements.first?.satisfiedBy == "document-1")
        #expect(result.currentlyDue.isEmpty)
    }

    @Test("R-DOC-1: an invoice missing the company name leaves the requirement unmet, saying which field")
    func invoiceWithoutName() throws {
        var fields = Self.full
        fields.companyName = nil
        let result = Self.evaluate([Self.document(.companyInvoice, fields)], try Self.applicant())
        #expect(!result.isSatisfied)
        #expect(result.currentlyDue == ["vatRegistration"])
        #expect(result.errors == [EvidenceProblem(.fieldNotVisible, documentID: "document-1", fileName: "f.pdf", field: "companyName")])
    }

    @Test("R-DOC-2: a VAT certificate is the wrong kind for a company that is not VAT-registered")
    func certificateForNonVATCompany() throws {
        let result = Self.evaluate([Self.document(.vatRegistrationCertificate, Self.full)], try Self.applicant(vat: nil))
        #expect(result.requirements.first?.code == "companyIdentity")
        #expect(result.requirements.first?.status == .unmet)
        #expect(result.errors.first?.reason == .wrongKind)
        #expect(result.errors.first?.message(in: .english).contains("not accepted") == true)
    }

    @Test("R-DOC-2: ONE of invoice, licence, articles showing name and address",
          arguments: [EvidenceKind.companyInvoice, .businessLicence, .articlesOfAssociation])
    func nonVATKinds(kind: EvidenceKind) throws {
        var fields = Self.full
        fields.vatNumber = nil
        #expect(Self.evaluate([Self.document(kind, fields)], try Self.applicant(vat: nil)).isSatisfied)
        fields.city = nil
        let unmet = Self.evaluate([Self.document(kind, fields)], try Self.applicant(vat: nil))
        #expect(unmet.errors == [EvidenceProblem(.fieldNotVisible, documentID: "document-1", fileName: "f.pdf", field: "address")])
    }

    @Test("R-DOC-4: 'Foo AB' on the document does not match 'Foo GmbH' in the application; the field is named")
    func nameMismatch() throws {
        var fields = Self.full
        fields.companyName = "Ljusbild Foto GmbH"
        let result = Self.evaluate([Self.document(.companyInvoice, fields)], try Self.applicant())
        #expect(result.errors.map(\.field) == ["companyName"])
        #expect(result.errors.first?.reason == .mismatch)
        #expect(result.errors.first?.found == "Ljusbild Foto GmbH")
    }

    @Test("R-DOC-4: the VAT number is compared in canonical form; another number is a mismatch")
    func vatNumberMismatch() throws {
        var fields = Self.full
        fields.vatNumber = "SE556036079301"
        #expect(Self.evaluate([Self.document(.companyInvoice, fields)], try Self.applicant()).errors.map(\.field) == ["vatNumber"])
        let greek = try EvidenceEvaluator.Applicant(
            companyName: "Foo AE", address: PostalAddress(street: "Odos 1", postalCode: "10431", city: "Athens", country: "GR"),
            vatNumber: VATNumber("GR094012834"))
        let shown = VisibleFields(companyName: "Foo AE", vatNumber: "EL 094012834")
        #expect(EvidenceEvaluator.evaluate([Self.document(.companyInvoice, shown)], for: greek, policy: .canonEurope,
                                           referenceDay: Self.day).isSatisfied)
    }

    @Test("R-DOC-6: no documents → missing; unexamined → awaiting; a good one among bad ones → satisfied")
    func states() throws {
        #expect(Self.evaluate([], try Self.applicant()).requirements.first?.status == .missing)
        #expect(Self.evaluate([Self.document(.companyInvoice, nil)], try Self.applicant()).requirements.first?.status == .awaitingExamination)
        let mixed = Self.evaluate([Self.document(.businessLicence, Self.full, id: "d1"), Self.document(.companyInvoice, Self.full, id: "d2")],
                                  try Self.applicant())
        #expect(mixed.isSatisfied)
        #expect(mixed.requirements.first?.satisfiedBy == "d2")
    }

    @Test("R-DOC-3: the French edition accepts an invoice no older than 3 months, counted back from submission")
    func frenchInvoiceAge() throws {
        let applicant = EvidenceEvaluator.Applicant(
            companyName: "Photo Lumière SARL",
            address: try PostalAddress(street: "1 rue de Rivoli", postalCode: "75001", city: "Paris", country: "FR"),
            vatNumber: nil)
        func fields(_ issued: CalendarDay?) -> VisibleFields {
            VisibleFields(companyName: "Photo Lumiere Société à responsabilité limitée", street: "1, rue de Rivoli",
                          postalCode: "75001", city: "PARIS", issueDate: issued)
        }
        func evaluate(_ issued: CalendarDay?) -> EvidenceEvaluation {
            EvidenceEvaluator.evaluate([Self.document(.companyInvoice, fields(issued))], for: applicant, policy: .canonEurope,
                                       referenceDay: Self.day)
        }
        #expect(evaluate(CalendarDay(year: 2026, month: 8, day: 27)).isSatisfied) // exactly 3 months
        let old = evaluate(CalendarDay(year: 2026, month: 8, day: 26))
        #expect(old.errors.map(\.reason) == [.tooOld])
        #expect(old.errors.first?.expected == "2026-08-27")
        #expect(evaluate(nil).errors == [EvidenceProblem(.fieldNotVisible, documentID: "document-1", fileName: "f.pdf", field: "issueDate")])
        // The Swedish edition has no age limit and no licence-free French kinds.
        #expect(EvidenceEvaluator.evaluate([Self.document(.taxResidenceCertificate, fields(nil))], for: try Self.applicant(vat: nil),
                                           policy: .canonEurope, referenceDay: Self.day).errors.first?.reason == .wrongKind)
    }
}
