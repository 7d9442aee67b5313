import CPSCLI
import CPSFileStore
import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("cps invoice show|pdf|ubl over the file store (R-IDOC-1, R-IDOC-2)")
struct InvoiceCommandTests {
    /// A data directory whose store holds an active Swedish account with one issued Gold invoice, and
    /// the documents the service renders for it.
    struct Seeded {
        let directory: URL
        let invoiceID: Invoice.ID
        let userID: String
        let text: (english: String, swedish: String)
        let pdf: [UInt8]
        let ubl: String?
        var environment: [String: String] { ["CPS_DATA_DIR": directory.path, "CPS_NOW": "2026-11-28T10:00:00+01:00"] }

        func cleanUp() {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(atPath: directory.path + ".keys")
        }
    }

    static func seeded() async throws -> Seeded {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cps-invoice-\(UUID().uuidString)")
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
        let documents = env.invoiceDocuments
        let accountID = active.account.id
        let english = try await documents.text(of: invoice.id, in: accountID, language: .english, as: active.principal)
        let swedish = try await documents.text(of: invoice.id, in: accountID, language: .swedish, as: active.principal)
        let pdf = try await documents.pdf(of: invoice.id, in: accountID, language: .english, as: active.principal)
        let ubl = try? await documents.ubl(of: invoice.id, in: accountID, as: active.principal)
        return Seeded(directory: directory, invoiceID: invoice.id, userID: active.superuser.id.rawValue,
                      text: (english, swedish), pdf: pdf, ubl: ubl)
    }

    @Test("R-IDOC-1: show prints the service's text in --lang; --json wraps it")
    func show() async throws {
        let seeded = try await Self.seeded()
        defer { seeded.cleanUp() }
        let id = seeded.invoiceID.rawValue
        let english = await CommandLineTool.run(["invoice", "show", id, "--as", seeded.userID], environment: seeded.environment)
        #expect(english.status == .success, "\(english.errorOutput)")
        #expect(english.output.trimmingCharacters(in: .newlines) == seeded.text.english.trimmingCharacters(in: .newlines))
        let swedish = await CommandLineTool.run(["invoice", "show", id, "--as", seeded.userID, "--lang", "sv"],
                                                environment: seeded.environment)
        #expect(swedish.output.trimmingCharacters(in: .newlines) == seeded.text.swedish.trimmingCharacters(in: .newlines))
        #expect(swedish.output.contains("Fakturanummer"))
        let json = await CommandLineTool.run(["invoice", "show", id, "--as", seeded.userID, "--json"], environment: seeded.environment)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["text"] as? String == seeded.text.english)
        #expect(object["invoiceID"] as? String == id)
    }

    @Test("R-IDOC-1, R-IDOC-2: pdf and ubl write the service's bytes to standard output or --out FILE")
    func bytes() async throws {
        let seeded = try await Self.seeded()
        defer { seeded.cleanUp() }
        let id = seeded.invoiceID.rawValue
        let stdout = await CommandLineTool.run(["invoice", "pdf", id, "--as", seeded.userID], environment: seeded.environment)
        #expect(stdout.status == .success, "\(stdout.errorOutput)")
        #expect(stdout.output.isEmpty)
        #expect(Array(stdout.outputBytes) == seeded.pdf)
        let file = seeded.directory.appendingPathComponent("invoice.pdf")
        let written = await CommandLineTool.run(["invoice", "pdf", id, "--as", seeded.userID, "--out", file.path],
                                                environment: seeded.environment)
        #expect(written.status == .success)
        #expect(written.output.contains("invoice.pdf"))
        #expect(Array(try Data(contentsOf: file)) == seeded.pdf)
        let ubl = await CommandLineTool.run(["invoice", "ubl", id, "--as", seeded.userID], environment: seeded.environment)
        if let xml = seeded.ubl {
            #expect(ubl.status == .success)
            #expect(String(decoding: ubl.outputBytes, as: UTF8.self) == xml)
        } else {
            #expect(ubl.status == .refused)
        }
    }

    @Test("R-IDOC-1: usage errors (64), an unknown invoice or user (65), an unwritable --out (74)")
    func errors() async throws {
        let seeded = try await Self.seeded()
        defer { seeded.cleanUp() }
        let id = seeded.invoiceID.rawValue
        let environment = seeded.environment
        #expect(await CommandLineTool.run(["invoice", "show", id], environment: environment).status == .usage)
        #expect(await CommandLineTool.run(["invoice", "print", id, "--as", seeded.userID], environment: environment).status == .usage)
        #expect(await CommandLineTool.run(["invoice", "show", "--as", seeded.userID], environment: environment).status == .usage)
        #expect(await CommandLineTool.run(["invoice", "show", id, "extra", "--as", seeded.userID], environment: environment).status == .usage)
        let unknown = await CommandLineTool.run(["invoice", "show", "invoice-nope", "--as", seeded.userID, "--lang", "sv"],
                                                environment: environment)
        #expect(unknown.status == .refused)
        #expect(!unknown.errorOutput.isEmpty)
        #expect(await CommandLineTool.run(["invoice", "pdf", id, "--as", "user-nobody"], environment: environment).status == .refused)
        let unwritable = await CommandLineTool.run(["invoice", "pdf", id, "--as", seeded.userID, "--out", "/proc/cps/invoice.pdf"],
                                                   environment: environment)
        #expect(unwritable.status == .failure)
        let help = await CommandLineTool.run(["invoice", "--help"])
        #expect(help.output.hasPrefix("Usage: cps invoice"))
    }
}
