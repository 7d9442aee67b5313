import CPSKit
import Foundation

extension CommandSpec {
    /// `cps invoice show|pdf|ubl INVOICE-ID --as USER-ID [--out FILE]` (R-IDOC-1, R-IDOC-2): an
    /// account's invoice as a document, through ``InvoiceDocumentService`` as the signed-in user.
    static let invoice = CommandSpec(
        name: "invoice",
        summary: "show an invoice as text, or write its PDF or Peppol UBL XML (account user)",
        help: """
        Usage: cps invoice show INVOICE-ID --as USER-ID
               cps invoice pdf INVOICE-ID --as USER-ID [--out FILE]
               cps invoice ubl INVOICE-ID --as USER-ID [--out FILE]

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
        let invoiceID = Invoice.ID(try invocation.arguments.positional(1, "INVOICE-ID"))
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
            let bytes: [UInt8]
            switch action {
            case "show":
                let text = try await documents.text(of: invoiceID, in: accountID, language: language, as: principal)
                guard let out else {
                    try invocation.emit(InvoiceTextReport(invoiceID: invoiceID.rawValue, language: language.code, text: text)) {
                        [text.hasSuffix("\n") ? String(text.dropLast()) : text]
                    }
                    return .success
                }
                bytes = Array(text.utf8)
            case "pdf":
                bytes = try await documents.pdf(of: invoiceID, in: accountID, language: language, as: principal)
            default:
                bytes = Array(try await documents.ubl(of: invoiceID, in: accountID, as: principal).utf8)
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
