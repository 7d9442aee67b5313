import CPSKit
import Foundation

extension CommandSpec {
    /// `cps invoice show|pdf|ubl INVOICE-ID|CREDIT-NOTE --as USER-ID [--out FILE]` (R-IDOC-1,
    /// R-IDOC-2, R-LIFE-5): an account's invoice or credit note as a document, through
    /// ``InvoiceDocumentService`` as the signed-in user.
    static let invoice = CommandSpec(
        name: "invoice",
        summary: "show an invoice or credit note as text, or write its PDF or Peppol UBL XML (account user)",
        help: """
        Usage: cps invoice show INVOICE-ID|CREDIT-NOTE --as USER-ID
               cps invoice pdf INVOICE-ID|CREDIT-NOTE --as USER-ID [--out FILE]
               cps invoice ubl INVOICE-ID|CREDIT-NOTE --as USER-ID [--out FILE]

        The document is the credit note with that ID or number (e.g. CN-CPS-2026-000001, as `cps credit`
        prints it), else the invoice with that ID (R-LIFE-5): a credit note names the invoice it credits
        and is a UBL CreditNote (type 381).

        show prints the invoice with every Article 226 field as text in --lang (R-IDOC-1); --json
             prints {"invoiceID", "language", "text"}
        pdf  writes the invoice as a PDF in --lang (R-IDOC-1) to FILE, or to standard output
        ubl  writes the Peppol BIS Billing 3.0 UBL 2.1 XML (R-IDOC-2) to FILE, or to standard output;
             a buyer without a VAT number has no Peppol address and is refused (exit 65)
        USER-ID is a user of the invoice's account (R-ACC-5); another account's invoice is not found
        (exit 65). The bytes are the same on every run.
        """,
        valuedOptions: ["--as", "--out"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as", "--out"], maxPositionals: 2)
        let action = try invocation.action(["show", "pdf", "ubl"])
        let documentID: String = try invocation.arguments.positional(1, "INVOICE-ID")
        let invoiceID = Invoice.ID(documentID)
        let principal = try invocation.userPrincipal()
        let userID = AccountUser.ID(invocation.arguments.option("--as") ?? "")
        let out = invocation.arguments.option("--out")
        if let out, out.isEmpty { throw CommandError(.optionNeedsValue, ["option": "--out"]) }
        return try await CLIContext.with(invocation) { cli in
            // The account is the user's own (read from the store, never from the command line); an
            // unknown user names no account and the service refuses it.
            let user = try await cli.store.fetch(AccountUser.self, id: userID)?.record
            let accountID = user?.accountID ?? BusinessAccount.ID("unknown")
            let documents = cli.services.invoiceDocuments
            let language = invocation.language
            // A credit note's ID or number names a credit note; anything else is taken as an invoice's ID.
            // The service still checks that it is the user's account's.
            var creditNote = try await cli.store.fetch(CreditNote.self, id: CreditNote.ID(documentID))
            if creditNote == nil { creditNote = try await cli.store.fetch(CreditNote.self, holding: CreditNote.numberKey(documentID)) }
            let creditNoteID = creditNote?.record.id ?? CreditNote.ID(documentID)
            let isCreditNote = creditNote != nil
            let bytes: [UInt8]
            switch action {
            case "show":
                let text = isCreditNote
                    ? try await documents.text(ofCreditNote: creditNoteID, in: accountID, language: language, as: principal)
                    : try await documents.text(of: invoiceID, in: accountID, language: language, as: principal)
                guard let out else {
                    try invocation.emit(InvoiceTextReport(invoiceID: invoiceID.rawValue, language: language.code, text: text)) {
                        [text.hasSuffix("\n") ? String(text.dropLast()) : text]
                    }
                    return .success
                }
                bytes = Array(text.utf8)
            case "pdf":
                bytes = isCreditNote
                    ? try await documents.pdf(ofCreditNote: creditNoteID, in: accountID, language: language, as: principal)
                    : try await documents.pdf(of: invoiceID, in: accountID, language: language, as: principal)
            default:
                bytes = Array((isCreditNote
                    ? try await documents.ubl(ofCreditNote: creditNoteID, in: accountID, as: principal)
                    : try await documents.ubl(of: invoiceID, in: accountID, as: principal)).utf8)
            }
            guard let out else {
                invocation.write(bytes: bytes)
                return .success
            }
            let url = URL(fileURLWithPath: out, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
            do { try Data(bytes).write(to: url, options: .atomic) } catch {
                throw CommandError(.cannotWrite, ["path": out, "detail": error.localizedDescription])
            }
            try invocation.emit(InvoiceFileReport(invoiceID: invoiceID.rawValue, path: out, bytes: bytes.count)) {
                ["wrote \(action) of \(invoiceID) to \(out) (\(bytes.count) bytes)"]
            }
            return .success
        }
    }
}

/// `cps invoice show --json`.
struct InvoiceTextReport: Encodable {
    let invoiceID: String
    let language: String
    let text: String
}

/// `cps invoice pdf|ubl --out FILE --json`.
struct InvoiceFileReport: Encodable {
    let invoiceID: String
    let path: String
    let bytes: Int
}
