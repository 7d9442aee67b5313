import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("The invoice mail carries the document: text and PDF rendered at delivery (R-BIL-2, R-IDOC-1)")
struct InvoiceMailTests {
    @Test("R-BIL-2, R-IDOC-1: the delivered invoice mail has the text in the customer's language and the service's PDF attached; the outbox holds only the invoice ID")
    func inMemory() async throws {
        let fixture = try await BillingFixture.make()
        let invoice = try await fixture.invoice()
        let outbox = try await fixture.env.store.fetchAll(OutboxMail.self).map(\.record)
            .filter { $0.message.template == "invoiceIssuedBankTransfer" }
        let stored = try #require(outbox.first)
        #expect(stored.invoiceID == invoice.id)
        #expect(stored.message.attachments.isEmpty)
        #expect(!stored.message.body.contains("Fakturanummer: \(invoice.number)"))
        // No other mail announces the document.
        #expect(try await fixture.env.store.fetchAll(OutboxMail.self).map(\.record)
            .filter { $0.invoiceID != nil }.map(\.id) == [stored.id])

        try await fixture.env.deliverMail()
        let delivered = try #require(fixture.env.mailbox.messages.first { $0.messageID == stored.message.messageID })
        let documents = fixture.env.invoiceDocuments
        let pdf = try await documents.pdf(of: invoice.id, in: fixture.accountID, as: BillingFixture.job)
        let text = try await documents.text(of: invoice.id, in: fixture.accountID, as: BillingFixture.job)
        #expect(delivered.language == .swedish)
        #expect(delivered.body.hasPrefix(stored.message.body))
        #expect(delivered.body.hasSuffix(text))
        #expect(delivered.body.contains("Fakturanummer: \(invoice.number)"))
        #expect(delivered.attachments.count == 1)
        #expect(delivered.attachments.first?.fileName == "\(invoice.number).pdf")
        #expect(delivered.attachments.first?.mediaType == "application/pdf")
        #expect(delivered.attachments.first?.bytes == pdf)

        // The record after delivery still holds no document.
        let after = try #require(try await fixture.env.store.fetch(OutboxMail.self, id: stored.id)).record
        #expect(after.status == .delivered)
        #expect(after.message == stored.message)
        let encoded = try JSONEncoder().encode(after)
        #expect(!String(decoding: encoded, as: UTF8.self).contains("attachments"))
    }

    @Test("R-BIL-2: in a maildir the invoice mail is multipart/mixed with a quoted-printable text part and a base64 application/pdf part equal to the service's PDF")
    func maildir() async throws {
        let fixture = try await BillingFixture.make()
        let invoice = try await fixture.invoice()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cps-invoice-mail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let dispatcher = MailDispatcher(fixture.env.context, transport: MaildirTransport(directory: directory, hostname: "test.host"))
        while try await dispatcher.dispatchPending().hasMore {}
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("new").path)
        let texts = try files.map { String(decoding: try Data(contentsOf: directory.appendingPathComponent("new").appendingPathComponent($0)), as: UTF8.self) }
        let mail = try #require(texts.first { $0.contains("multipart/mixed") })
        #expect(texts.filter { $0.contains("multipart/mixed") }.count == 1)
        #expect(mail.unicodeScalars.allSatisfy { $0.isASCII })
        let boundary = try #require(mail.components(separatedBy: "boundary=\"").dropFirst().first?.components(separatedBy: "\"").first)
        let parts = mail.components(separatedBy: "\r\n--" + boundary)
        #expect(parts.count == 4) // preamble, text, PDF, closing "--"
        #expect(parts[1].contains("Content-Type: text/plain; charset=UTF-8"))
        #expect(parts[1].contains("Content-Transfer-Encoding: quoted-printable"))
        let pdfPart = parts[2]
        #expect(pdfPart.contains("Content-Type: application/pdf; name=\"\(invoice.number).pdf\""))
        #expect(pdfPart.contains("Content-Disposition: attachment; filename=\"\(invoice.number).pdf\""))
        let body = try #require(pdfPart.components(separatedBy: "\r\n\r\n").dropFirst().first)
        let lines = body.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.allSatisfy { $0.count <= 76 })
        let bytes = try #require(Data(base64Encoded: lines.joined()))
        let pdf = try await fixture.env.invoiceDocuments.pdf(of: invoice.id, in: fixture.accountID, as: BillingFixture.job)
        #expect(Array(bytes) == pdf)
        #expect(parts[3].hasPrefix("--"))
    }

    @Test("R-BIL-2: an invoice mail whose invoice is gone fails permanently instead of going out without its document")
    func invoiceGone() async throws {
        let fixture = try await BillingFixture.make()
        let invoice = try await fixture.invoice()
        let stored = try #require(try await fixture.env.store.fetch(Invoice.self, id: invoice.id))
        var batch = WriteBatch(codec: fixture.env.store.payloadCodec)
        batch.delete(stored)
        _ = try await fixture.env.store.commit(batch)
        let report = try await fixture.env.mailDispatcher.dispatchPending()
        #expect(report.failed.count == 1)
        #expect(!fixture.env.mailbox.messages.contains { $0.template == "invoiceIssuedBankTransfer" })
    }
}
