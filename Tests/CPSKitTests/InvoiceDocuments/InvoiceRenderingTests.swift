import CPSKit
@testable import CPSRules
import Foundation
import Testing

@Suite("Invoice documents: text and PDF (R-IDOC-1)")
struct InvoiceRenderingTests {
    /// The text runs (`(…) Tj`) of a PDF written by ``PDFWriter``, decoded back to Unicode.
    static func runs(_ pdf: [UInt8]) -> [String] {
        var runs: [String] = []
        var index = 0
        while index < pdf.count {
            guard pdf[index] == 0x28 else { index += 1; continue }
            var bytes: [UInt8] = []
            index += 1
            while index < pdf.count, pdf[index] != 0x29 {
                if pdf[index] == 0x5C {
                    let next = pdf[index + 1]
                    if (0x30...0x37).contains(next) {
                        let octal = String(decoding: pdf[(index + 1)...(index + 3)], as: UTF8.self)
                        bytes.append(UInt8(octal, radix: 8) ?? 0)
                        index += 4
                    } else {
                        bytes.append(next)
                        index += 2
                    }
                    continue
                }
                bytes.append(pdf[index])
                index += 1
            }
            index += 1
            runs.append(String(String.UnicodeScalarView(bytes.compactMap { PDFTextEncoding.scalar(of: $0) })))
        }
        return runs
    }

    @Test("R-IDOC-1: every Article 226 item in the text and, each within one text run, in the PDF, on every case")
    func article226InTextAndPDF() throws {
        for testCase in try InvoiceDocumentCase.all() {
            let document = testCase.document
            let text = document.text()
            let runs = Self.runs(try document.pdf())
            let lines = InvoiceDocumentText.lines(document)
            for item in Article226Item.checked where item.applies(document) {
                for fragment in item.fragments(document) {
                    #expect(text.contains(fragment), "\(item): \"\(fragment)\" not in the text of \(testCase)")
                    #expect(runs.contains { $0.contains(fragment) }, "\(item): \"\(fragment)\" not in one PDF run of \(testCase)")
                }
            }
            #expect(lines.allSatisfy { line in line.isEmpty || runs.contains(line) }, "\(testCase): a line is split over runs")
        }
    }

    @Test("R-IDOC-1: the customer's language: Swedish labels and the Swedish reverse-charge note")
    func swedish() throws {
        let document = try #require(try InvoiceDocumentCase.all().first { $0.name == "reverse-charge-se" }).document
        let text = document.text()
        #expect(text.contains("Fakturanummer: CPS-2026-000002"))
        #expect(text.contains("Omvänd betalningsskyldighet"))
        #expect(text.contains("Bildbyrån Åkesson AB"))
        #expect(text.contains("450,00 €"))
    }

    @Test("R-IDOC-1: same input, same bytes; no /CreationDate unless given; xref offsets point at their objects")
    func deterministic() throws {
        for testCase in try InvoiceDocumentCase.all() {
            let first = try testCase.document.pdf()
            #expect(first == (try testCase.document.pdf()))
            let text = String(decoding: first, as: UTF8.self)
            #expect(!text.contains("/CreationDate"))
            #expect(String(decoding: try testCase.document.pdf(creationDate: "20260302120000Z"), as: UTF8.self)
                .contains("/CreationDate (D:20260302120000Z)"))
            // startxref → the xref table → each entry's offset starts "N 0 obj".
            let startxref = try #require(text.range(of: "startxref\n", options: .backwards))
            let xrefOffset = try #require(Int(text[startxref.upperBound...].prefix { $0.isNumber }))
            let xref = Array(first[xrefOffset...])
            #expect(xref.starts(with: Array("xref\n".utf8)))
            let table = String(decoding: xref, as: UTF8.self).split(separator: "\n")
            let count = try #require(Int(table[1].split(separator: " ")[1]))
            for object in 1..<count {
                let offset = try #require(Int(table[2 + object].prefix(10)))
                #expect(first[offset...].starts(with: Array("\(object) 0 obj".utf8)), "\(testCase): object \(object)")
            }
        }
    }

    @Test("R-IDOC-1: a long invoice runs over two A4 pages, each with its page footer")
    func twoPages() throws {
        let document = try #require(try InvoiceDocumentCase.all().first { $0.name == "two-page-nl" }).document
        let pdf = String(decoding: try document.pdf(), as: UTF8.self)
        #expect(pdf.contains("/Count 2"))
        #expect(pdf.components(separatedBy: "/Type /Page ").count - 1 == 2)
        #expect(pdf.contains("/MediaBox [0 0 595 842]"))
        #expect(pdf.contains("(Page 2 of 2)"))
    }

    @Test("R-IDOC-1: Latin Extended-A letters print through /Differences; a character the font lacks is a typed error")
    func characters() throws {
        let document = try #require(try InvoiceDocumentCase.all().first { $0.name == "latin-extended-pl" }).document
        let runs = Self.runs(try document.pdf())
        #expect(runs.contains { $0.contains("Łukasz Żółć") })
        #expect(runs.contains { $0.contains("Łódź") })
        for letter in "łőčřśžŁŐČŘŚŽąęńůűĺľ€–—" {
            #expect(letter.unicodeScalars.allSatisfy { PDFTextEncoding.code(of: $0) != nil }, "\(letter)")
        }
        #expect(throws: InvoiceDocumentError(.unprintableCharacter, facts: ["character": "Ω", "codePoint": "U+03A9"])) {
            try PDFTextEncoding.encode("Ωmega")
        }
        #expect(throws: InvoiceDocumentError.self) { try PDFWriter(title: "x").document(lines: ["日本"]) { _, _ in "" } }
    }

    @Test("R-IDOC-1/R-IDOC-2: writes every case's text and PDF to CPS_INVOICE_DOCUMENTS_OUT when set (the 25-einvoice check)")
    func export() throws {
        guard let directory = ProcessInfo.processInfo.environment["CPS_INVOICE_DOCUMENTS_OUT"], !directory.isEmpty else { return }
        let url = URL(fileURLWithPath: directory, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for testCase in try InvoiceDocumentCase.all() {
            try Data(testCase.document.text().utf8).write(to: url.appendingPathComponent("\(testCase.name).txt"))
            try Data(try testCase.document.pdf()).write(to: url.appendingPathComponent("\(testCase.name).pdf"))
            if let xml = try? testCase.document.ubl() {
                try Data(xml.utf8).write(to: url.appendingPathComponent("\(testCase.name).xml"))
            }
        }
    }

    @Test("R-IDOC-2: UBL: category per case, buyer VAT only where allowed, endpoints, means codes; deterministic")
    func ubl() throws {
        let cases = try InvoiceDocumentCase.all()
        func xml(_ name: String) throws -> String { try #require(cases.first { $0.name == name }).document.ubl() }
        let domestic = try xml("domestic-nl")
        #expect(domestic.contains("<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>"))
        #expect(domestic.contains("<cbc:EndpointID schemeID=\"9944\">NL123456782B01</cbc:EndpointID>"))
        #expect(domestic.contains("<cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>"))
        #expect(domestic.contains("<cbc:BuyerReference>CPS0000000017</cbc:BuyerReference>"))
        let reverse = try xml("reverse-charge-se")
        #expect(reverse.contains("<cbc:ID>AE</cbc:ID>") && reverse.contains("VATEX-EU-AE"))
        #expect(reverse.contains("<cbc:CompanyID>SE556036079301</cbc:CompanyID>"))
        #expect(reverse.contains("<cbc:EndpointID schemeID=\"0007\">5560360793</cbc:EndpointID>"))
        let outside = try xml("outside-scope-no")
        #expect(outside.contains("<cbc:ID>O</cbc:ID>") && outside.contains("VATEX-EU-O"))
        #expect(!outside.contains("PartyTaxScheme"))
        #expect(outside.contains("<cbc:PaymentMeansCode>48</cbc:PaymentMeansCode>"))
        #expect(try xml("rounding-jpy-outside-scope").contains("<cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>"))
        #expect(try xml("account-credit-nl").contains("<cbc:PrepaidAmount currencyID=\"EUR\">50.00</cbc:PrepaidAmount>"))
        #expect(try xml("two-page-nl") == (try xml("two-page-nl")))
        #expect(throws: InvoiceDocumentError(.missingBuyerEndpoint, facts: ["country": "PL"])) { try xml("latin-extended-pl") }
    }

    @Test("R-IDOC-2/R-LIFE-5: a credit note is a UBL CreditNote, type 381, positive amounts, a BillingReference to its invoice")
    func creditNoteUBL() throws {
        let cases = try InvoiceDocumentCase.all()
        let full = try #require(cases.first { $0.name == "credit-note-full-nl" }).document
        #expect(full.kind == .creditNote && full.dueDay == nil && full.precedingInvoice == "CPS-2026-000001")
        let xml = try full.ubl()
        #expect(xml.contains("<CreditNote xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2\""))
        #expect(xml.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"))
        #expect(xml.contains("<cbc:ID>CN-CPS-2026-000001</cbc:ID>"))
        #expect(xml.contains("""
              <cac:BillingReference>
                <cac:InvoiceDocumentReference>
                  <cbc:ID>CPS-2026-000001</cbc:ID>
                  <cbc:IssueDate>2026-03-02</cbc:IssueDate>
            """))
        #expect(xml.contains("<cbc:CreditedQuantity unitCode=\"C62\">1</cbc:CreditedQuantity>"))
        #expect(xml.contains("<cbc:PayableAmount currencyID=\"EUR\">242.00</cbc:PayableAmount>"))
        #expect(!xml.contains("DueDate") && !xml.contains("InvoiceLine") && !xml.contains("PaymentMeans") && !xml.contains(">-"))
        #expect(xml.contains("<cac:PaymentTerms>") && xml.contains("€242.00 is credited to your account"))
        #expect(xml.hasSuffix("</CreditNote>\n"))
        let partial = try #require(cases.first { $0.name == "credit-note-partial-se" }).document.ubl()
        #expect(partial.contains("<cbc:ID>AE</cbc:ID>") && partial.contains("VATEX-EU-AE"), "the invoice's VAT treatment")
        #expect(partial.contains("<cbc:Note>Omvänd betalningsskyldighet"))
        #expect(partial.contains("Workshop inställd</cbc:Note>"))
        #expect(partial.contains("<cbc:PayableAmount currencyID=\"EUR\">120.00</cbc:PayableAmount>"))
    }

    @Test("R-IDOC-1/R-LIFE-5: a credit note's text names the invoice it credits, the reason and the settlement; no due date")
    func creditNoteText() throws {
        let cases = try InvoiceDocumentCase.all()
        let full = try #require(cases.first { $0.name == "credit-note-full-nl" }).document.text()
        #expect(full.hasPrefix("Credit note CN-CPS-2026-000001\nCredit note number: CN-CPS-2026-000001\nCredit note date: 2026-03-20\n"))
        #expect(full.contains("Credits invoice: CPS-2026-000001 of 2026-03-02"))
        #expect(full.contains("Total credited: €242.00"))
        #expect(full.contains("Reason: Membership cancelled within the withdrawal period"))
        #expect(!full.contains("Due date") && !full.contains("Payment reference") && !full.contains("reduces"))
        let partial = try #require(cases.first { $0.name == "credit-note-partial-se" }).document.text()
        #expect(partial.hasPrefix("Kreditfaktura CN-CPS-2026-000002"))
        #expect(partial.contains("Krediterar faktura: CPS-2026-000002 av 2026-03-02"))
        #expect(partial.contains("70,00 € minskar det belopp som återstår att betala på faktura CPS-2026-000002."))
        #expect(partial.contains("50,00 € tillgodoräknas ert konto"))
        #expect(partial.contains("Omvänd betalningsskyldighet"))
        let pdf = String(decoding: try #require(cases.first { $0.name == "credit-note-full-nl" }).document.pdf(), as: UTF8.self)
        #expect(pdf.contains("/Title (Credit note CN-CPS-2026-000001)"))
    }

    @Test("R-IDOC-1/R-IDOC-2: the same input built twice gives byte-identical text, PDF and XML, for every case")
    func byteIdentical() throws {
        let first = try InvoiceDocumentCase.all()
        let second = try InvoiceDocumentCase.all()
        #expect(first.map(\.name) == second.map(\.name))
        #expect(first.count >= 10)
        for (one, two) in zip(first, second) {
            #expect(one.document == two.document, "\(one)")
            #expect(Array(one.document.text().utf8) == Array(two.document.text().utf8), "\(one)")
            #expect(try one.document.pdf() == (try two.document.pdf()), "\(one)")
            #expect((try? one.document.ubl()).map { Array($0.utf8) } == (try? two.document.ubl()).map { Array($0.utf8) }, "\(one)")
        }
    }
}
