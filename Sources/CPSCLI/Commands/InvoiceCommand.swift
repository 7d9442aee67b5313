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
        let principal = try invocation.userPrincipal()
        let userID = AccountUser.ID(invocation.arguments.option("--as") ?? "")
        let out = invocation.arguments.option("--out")
        if let out, out.isEmpty { throw CommandError(.optionNeedsValue, ["option": "--out"]) }
        return try await CLIContext.with(invocation) { cli in
            try await InvoiceDocumentRendering.run(cli, invocation, action: action, documentID: documentID, userID: userID,
                                                   principal: principal, out: out)
        }
    }
}

/// The document of `cps invoice`, an invoice's or a credit note's, through the service. Plain `if`
/// statements, one call each: an `await` inside a conditional expression crashed the optimizer's
/// coroutine splitting in the fuzzing build (swift 6.3.1).
enum InvoiceDocumentRendering {
    /// Renders the document `documentID` (a credit note's ID or number, else an invoice's ID) of
    /// `userID`'s account and prints or writes it.
    @_optimize(none)  // swift 6.3.1's LLVM crashed splitting this coroutine in the optimized fuzzing build
    static func run(_ cli: CLIContext, _ invocation: CommandInvocation, action: String, documentID: String, userID: AccountUser.ID,
                    principal: Principal, out: String?) async throws -> ExitStatus {
        let invoiceID = Invoice.ID(documentID)
        // The account is the user's own (read from the store, never from the command line); an
        // unknown user names no account and the service refuses it.
        let user = try await cli.store.fetch(AccountUser.self, id: userID)?.record
        let accountID = user?.accountID ?? BusinessAccount.ID("unknown")
        let documents = cli.services.invoiceDocuments
        let language = invocation.language
        // A credit note's ID or number names a credit note; anything else is taken as an invoice's ID.
        // The service still checks that it is the user's account's.
        let creditNote = try await creditNoteID(documentID, in: cli)
        let bytes: [UInt8]
        if action == "show" {
            let text = try await text(documents, invoiceID, creditNote: creditNote, in: accountID, language: language, as: principal)
            guard out != nil else {
                let shown = text.hasSuffix("\n") ? String(text.dropLast()) : text
                try invocation.emit(InvoiceTextReport(invoiceID: invoiceID.rawValue, language: language.code, text: text)) { [shown] }
                return .success
            }
            bytes = Array(text.utf8)
        } else {
            bytes = try await self.bytes(documents, action, invoiceID, creditNote: creditNote, in: accountID, language: language, as: principal)
        }
        guard let out else {
            invocation.write(bytes: bytes)
            return .success
        }
        try write(bytes, to: out)
        let count = bytes.count
        try invocation.emit(InvoiceFileReport(invoiceID: invoiceID.rawValue, path: out, bytes: count)) {
            ["wrote \(action) of \(invoiceID) to \(out) (\(count) bytes)"]
        }
        return .success
    }

    /// The ID of the credit note whose ID or number is `text`, or `nil`.
    static func creditNoteID(_ text: String, in cli: CLIContext) async throws -> CreditNote.ID? {
        if let byID = try await cli.store.fetch(CreditNote.self, id: CreditNote.ID(text)) { return byID.record.id }
        return try await cli.store.fetch(CreditNote.self, holding: CreditNote.numberKey(text))?.record.id
    }

    /// Writes `bytes` to the file `path` (relative to the current directory).
    static func write(_ bytes: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        do { try Data(bytes).write(to: url, options: .atomic) } catch {
            throw CommandError(.cannotWrite, ["path": path, "detail": error.localizedDescription])
        }
    }

    static func text(_ documents: InvoiceDocumentService, _ invoiceID: Invoice.ID, creditNote: CreditNote.ID?,
                     in accountID: BusinessAccount.ID, language: Language, as principal: Principal) async throws -> String {
        if let creditNote {
            return try await documents.text(ofCreditNote: creditNote, in: accountID, language: language, as: principal)
        }
        return try await documents.text(of: invoiceID, in: accountID, language: language, as: principal)
    }

    static func bytes(_ documents: InvoiceDocumentService, _ action: String, _ invoiceID: Invoice.ID, creditNote: CreditNote.ID?,
                      in accountID: BusinessAccount.ID, language: Language, as principal: Principal) async throws -> [UInt8] {
        if action == "pdf" {
            if let creditNote { return try await documents.pdf(ofCreditNote: creditNote, in: accountID, language: language, as: principal) }
            return try await documents.pdf(of: invoiceID, in: accountID, language: language, as: principal)
        }
        if let creditNote { return Array(try await documents.ubl(ofCreditNote: creditNote, in: accountID, as: principal).utf8) }
        return Array(try await documents.ubl(of: invoiceID, in: accountID, as: principal).utf8)
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
