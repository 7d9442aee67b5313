import CPSCLI
import CPSFileStore
import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("cps invoice for a credit note, cps e-invoice-address, cps walkthrough --output (R-LIFE-5, R-IDOC-1, R-IDOC-2)")
struct CreditNoteCommandTests {
    /// A data directory with an active Swedish account, a paid Gold invoice and a full credit note on it.
    struct Seeded {
        let directory: URL
        let accountID: String
        let creditNote: CreditNote
        let userID: String
        let text: String
        let pdf: [UInt8]
        let ubl: String
        var environment: [String: String] { ["CPS_DATA_DIR": directory.path, "CPS_NOW": "2026-11-28T10:00:00+01:00"] }

        func cleanUp() {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(atPath: directory.path + ".keys")
        }
    }

    static func seeded() async throws -> Seeded {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cps-credit-\(UUID().uuidString)")
        let storeDirectory = directory.appendingPathComponent("store", isDirectory: true)
        try FileManager.default.createDirectory(at: storeDirectory, withIntermediateDirectories: true)
        let store = try await FileRecordStore.open(directory: storeDirectory)
        defer { store.close() }
        let env = TestEnvironment(store: store)
        let active = try await env.activeAccount()
        try await env.setPoints(2_000, completeRegistrations: 0, for: active.account.id)
        _ = try await env.membership.purchase(PurchaseRequest(accountID: active.account.id, level: .gold, years: 1,
                                                              paymentMethod: .bankTransfer, termsVersion: Fixtures.termsVersion),
                                              as: active.principal)
        env.clock.advance(by: 3_600)
        let invoice = try #require(try await env.invoicing.issueDueInvoices(as: TestEnvironment.billingJob).issued.first)
        _ = try await env.bankPayments.recordIncomingPayment(amount: invoice.total, reference: invoice.creditorReference.printed,
                                                             receivedOn: invoice.due.issueDay, as: TestEnvironment.billingJob)
        let note = try await env.invoicing.issueCreditNote(for: invoice.id, reason: "Dubbelköp", as: TestEnvironment.reviewer)
        let documents = env.invoiceDocuments
        let accountID = active.account.id
        return Seeded(directory: directory, accountID: accountID.rawValue, creditNote: note, userID: active.superuser.id.rawValue,
                      text: try await documents.text(ofCreditNote: note.id, in: accountID, language: .english, as: active.principal),
                      pdf: try await documents.pdf(ofCreditNote: note.id, in: accountID, language: .english, as: active.principal),
                      ubl: try await documents.ubl(ofCreditNote: note.id, in: accountID, as: active.principal))
    }

    @Test("R-LIFE-5/R-IDOC-1/R-IDOC-2: cps invoice show|pdf|ubl CREDIT-NOTE-ID prints and writes the credit note's document")
    func creditNote() async throws {
        let seeded = try await Self.seeded()
        defer { seeded.cleanUp() }
        let id = seeded.creditNote.id.rawValue
        let show = await CommandLineTool.run(["invoice", "show", id, "--as", seeded.userID], environment: seeded.environment)
        #expect(show.status == .success, "\(show.errorOutput)")
        #expect(show.output.trimmingCharacters(in: .newlines) == seeded.text.trimmingCharacters(in: .newlines))
        #expect(show.output.contains("Credits invoice: \(seeded.creditNote.invoiceNumber)"))
        let byNumber = await CommandLineTool.run(["invoice", "show", seeded.creditNote.number, "--as", seeded.userID],
                                                 environment: seeded.environment)
        #expect(byNumber.output == show.output, "the credit note's number names it too")
        let pdf = await CommandLineTool.run(["invoice", "pdf", id, "--as", seeded.userID], environment: seeded.environment)
        #expect(Array(pdf.outputBytes) == seeded.pdf)
        let ubl = await CommandLineTool.run(["invoice", "ubl", id, "--as", seeded.userID], environment: seeded.environment)
        #expect(ubl.status == .success)
        #expect(String(decoding: ubl.outputBytes, as: UTF8.self) == seeded.ubl)
        #expect(seeded.ubl.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>"))
        // Another account's user finds no such credit note.
        #expect(await CommandLineTool.run(["invoice", "show", id, "--as", "user-nobody"], environment: seeded.environment).status == .refused)
    }

    @Test("R-IDOC-2: cps e-invoice-address show, set SCHEME:ID and clear; a malformed address is refused (65), nothing stored")
    func electronicAddress() async throws {
        let seeded = try await Self.seeded()
        defer { seeded.cleanUp() }
        let environment = seeded.environment
        let account = seeded.accountID
        let shown = await CommandLineTool.run(["e-invoice-address", "show", account, "--as", seeded.userID], environment: environment)
        #expect(shown.status == .success, "\(shown.errorOutput)")
        #expect(shown.output.contains("(derived from the VAT number)"))
        let set = await CommandLineTool.run(["e-invoice-address", "set", account, "0007:5567321707", "--as", seeded.userID, "--json"],
                                            environment: environment)
        #expect(set.status == .success, "\(set.errorOutput)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(set.output.utf8)) as? [String: Any])
        #expect(object["electronicAddress"] as? String == "0007:5567321707")
        let bad = await CommandLineTool.run(["e-invoice-address", "set", account, "5567321707", "--as", seeded.userID, "--lang", "sv"],
                                            environment: environment)
        #expect(bad.status == .refused)
        #expect(bad.errorOutput.contains("ingen elektronisk Peppol-adress"))
        let after = await CommandLineTool.run(["e-invoice-address", "show", account, "--as", seeded.userID], environment: environment)
        #expect(after.output.contains("0007:5567321707 (set for the account)"))
        let cleared = await CommandLineTool.run(["e-invoice-address", "clear", account, "--as", seeded.userID], environment: environment)
        #expect(cleared.output.contains("(derived from the VAT number)"))
        #expect(await CommandLineTool.run(["e-invoice-address", "set", account, "--as", seeded.userID], environment: environment).status == .usage)
        #expect(await CommandLineTool.run(["e-invoice-address", "show", account], environment: environment).status == .usage)
        #expect(await CommandLineTool.run(["e-invoice-address", "set", account, "0007:1", "--as", "user-nobody"],
                                          environment: environment).status == .refused)
    }

    @Test("R-IDOC-1/R-IDOC-2: cps walkthrough --output DIR writes each invoice's and credit note's PDF and UBL, prints DIR, same bytes every run")
    func walkthroughOutput() async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("cps-walkthrough-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: base) }
        let first = base.appendingPathComponent("one")
        let second = base.appendingPathComponent("two")
        let run = await CommandLineTool.run(["walkthrough", "--output", first.path])
        #expect(run.status == .success, "\(run.errorOutput)")
        #expect(run.output.contains("The invoice documents (PDF and Peppol UBL XML) are in \(first.path):"))
        let names = try FileManager.default.contentsOfDirectory(atPath: first.path).sorted()
        // The first year's two invoices and goodwill credit note, and one year later the card renewal's
        // invoice and the outage credit note (their own 2027 series, R-BIL-2).
        #expect(names == ["CN-CPS-2026-000001.pdf", "CN-CPS-2026-000001.xml", "CN-CPS-2027-000001.pdf", "CN-CPS-2027-000001.xml",
                          "CPS-2026-000001.pdf", "CPS-2026-000001.xml", "CPS-2026-000002.pdf", "CPS-2026-000002.xml",
                          "CPS-2027-000001.pdf", "CPS-2027-000001.xml"])
        for name in names { #expect(run.output.contains("  \(name)\n")) }
        let xml = try String(contentsOf: first.appendingPathComponent("CPS-2026-000002.xml"), encoding: .utf8)
        #expect(xml.contains("<cbc:EndpointID schemeID=\"0007\">5567321707</cbc:EndpointID>"), "Berg's address, set in the journey")
        let credit = try String(contentsOf: first.appendingPathComponent("CN-CPS-2026-000001.xml"), encoding: .utf8)
        #expect(credit.contains("<cbc:CreditNoteTypeCode>381</cbc:CreditNoteTypeCode>") && credit.contains("<cbc:ID>CPS-2026-000002</cbc:ID>"))
        let pdf = try Data(contentsOf: first.appendingPathComponent("CPS-2026-000001.pdf"))
        #expect(pdf.starts(with: Data("%PDF-1.4".utf8)))
        // The same bytes on a second run; without --output the journey prints the same steps and writes nothing.
        let again = await CommandLineTool.run(["walkthrough", "--output", second.path, "--lang", "en"])
        #expect(again.status == .success)
        for name in names {
            #expect(try Data(contentsOf: first.appendingPathComponent(name)) == (try Data(contentsOf: second.appendingPathComponent(name))))
        }
        let plain = await CommandLineTool.run(["walkthrough"])
        #expect(!plain.output.contains("PDF and Peppol UBL XML"))
        #expect(await CommandLineTool.run(["walkthrough", "--output"]).status == .usage)
    }
}
