import Foundation

/// Renders an account's invoices as documents (R-IDOC-1, R-IDOC-2): the ``InvoiceDocument`` value,
/// its text in the customer's language, its PDF and its Peppol UBL. Allowed to the account's active
/// users and to the system (the mail dispatcher, a host's e-invoicing job).
///
/// Credit notes (R-LIFE-5) render the same way (`document(ofCreditNote:…)`, `text`, `pdf`, `ubl`).
///
/// The customer's language is the first active superuser's (the reader of the invoice mail); the
/// buyer's Peppol address is the account's ``BusinessAccount/electronicAddress``, else derived from
/// its VAT number where a scheme exists.
public struct InvoiceDocumentService: Sendable {
    let context: CPSContext
    /// What the documents print about the seller beyond the billing policy.
    public let documents: InvoiceDocumentPolicy

    /// Creates the service; `documents` defaults to ``InvoiceDocumentPolicy/canonEurope`` (placeholders).
    public init(_ context: CPSContext, documents: InvoiceDocumentPolicy = .canonEurope) {
        self.context = context
        self.documents = documents
    }

    /// The document of invoice `invoiceID` of account `accountID` (R-IDOC-1), written in `language`
    /// (nil: the customer's language).
    ///
    /// - Throws: ``InvoiceDocumentError/Reason/invoiceNotFound`` when the account has no such invoice.
    @inline(never)  // swift 6.3.1: inlined into an async caller, LLVM crashed splitting the coroutine (optimized fuzz build)
    public func document(of invoiceID: Invoice.ID, in accountID: BusinessAccount.ID, language: Language? = nil,
                         as principal: Principal) async throws -> InvoiceDocument {
        try await context.read("invoiceDocuments.document", as: principal) { unit in
            try await unit.authorize(.anyOf([.userOf(accountID: accountID), .system]))
            guard let invoice = try await unit.fetch(Invoice.self, id: invoiceID)?.record, invoice.accountID == accountID,
                  let membership = try await unit.fetch(Membership.self, id: invoice.membershipID)?.record else {
                throw InvoiceDocumentError(.invoiceNotFound)
            }
            let source = InvoiceDocument.Source(invoice: invoice, membership: membership, timeZone: context.policy.timeZone,
                                                prepaid: invoice.prepaidAmount)
            let buyer = try await buyer(of: accountID, language: language, in: unit)
            return try InvoiceDocument(source, documents: documents, buyer: buyer)
        }
    }

    /// The document of credit note `creditNoteID` of account `accountID` (R-LIFE-5, R-IDOC-1): the
    /// credited lines under the invoice's VAT treatment, a reference to the invoice, the settlement;
    /// written in `language` (nil: the customer's language). The account's users and the system.
    ///
    /// - Throws: ``InvoiceDocumentError/Reason/creditNoteNotFound`` when the account has no such credit note.
    @inline(never)  // swift 6.3.1: inlined into an async caller, LLVM crashed splitting the coroutine (optimized fuzz build)
    public func document(ofCreditNote creditNoteID: CreditNote.ID, in accountID: BusinessAccount.ID, language: Language? = nil,
                         as principal: Principal) async throws -> InvoiceDocument {
        try await context.read("invoiceDocuments.creditNote", as: principal) { unit in
            try await unit.authorize(.anyOf([.userOf(accountID: accountID), .system]))
            guard let note = try await unit.fetch(CreditNote.self, id: creditNoteID)?.record, note.accountID == accountID,
                  let invoice = try await unit.fetch(Invoice.self, id: note.invoiceID)?.record,
                  let membership = try await unit.fetch(Membership.self, id: invoice.membershipID)?.record else {
                throw InvoiceDocumentError(.creditNoteNotFound)
            }
            let source = InvoiceDocument.Source(creditNote: note, invoice: invoice, membership: membership,
                                                timeZone: context.policy.timeZone)
            let buyer = try await buyer(of: accountID, language: language, in: unit)
            return try InvoiceDocument(source, documents: documents, buyer: buyer)
        }
    }

    /// The credit note as plain text in `language` (nil: the customer's language; R-IDOC-1).
    @inline(never)  // swift 6.3.1: inlined into an async caller, LLVM crashed splitting the coroutine (optimized fuzz build)
    public func text(ofCreditNote creditNoteID: CreditNote.ID, in accountID: BusinessAccount.ID, language: Language? = nil,
                     as principal: Principal) async throws -> String {
        try await document(ofCreditNote: creditNoteID, in: accountID, language: language, as: principal).text(catalog: context.catalog)
    }

    /// The credit note as PDF bytes in `language` (nil: the customer's language; R-IDOC-1).
    @inline(never)  // swift 6.3.1: inlined into an async caller, LLVM crashed splitting the coroutine (optimized fuzz build)
    public func pdf(ofCreditNote creditNoteID: CreditNote.ID, in accountID: BusinessAccount.ID, language: Language? = nil,
                    as principal: Principal) async throws -> [UInt8] {
        try await document(ofCreditNote: creditNoteID, in: accountID, language: language, as: principal).pdf(catalog: context.catalog)
    }

    /// The credit note as a Peppol BIS Billing 3.0 UBL 2.1 `CreditNote` (R-IDOC-2).
    @inline(never)  // swift 6.3.1: inlined into an async caller, LLVM crashed splitting the coroutine (optimized fuzz build)
    public func ubl(ofCreditNote creditNoteID: CreditNote.ID, in accountID: BusinessAccount.ID,
                    as principal: Principal) async throws -> String {
        try await document(ofCreditNote: creditNoteID, in: accountID, as: principal).ubl(catalog: context.catalog)
    }

    /// The buyer's details: the language (given, else the first active superuser's), the account's
    /// electronic address (R-IDOC-2).
    private func buyer(of accountID: BusinessAccount.ID, language: Language?,
                       in unit: UnitOfWork) async throws -> InvoiceDocument.BuyerDetails {
        let customerLanguage = try await unit.activeSuperusers(of: accountID).first?.language ?? .english
        let account = try await unit.fetch(BusinessAccount.self, id: accountID)?.record
        return InvoiceDocument.BuyerDetails(language: language ?? customerLanguage,
                                            electronicAddress: account?.electronicAddress)
    }

    /// The invoice as plain text in `language` (nil: the customer's language; R-IDOC-1).
    @inline(never)  // swift 6.3.1: inlined into an async caller, LLVM crashed splitting the coroutine (optimized fuzz build)
    public func text(of invoiceID: Invoice.ID, in accountID: BusinessAccount.ID, language: Language? = nil,
                     as principal: Principal) async throws -> String {
        try await document(of: invoiceID, in: accountID, language: language, as: principal).text(catalog: context.catalog)
    }

    /// The invoice as PDF bytes in `language` (nil: the customer's language; R-IDOC-1).
    @inline(never)  // swift 6.3.1: inlined into an async caller, LLVM crashed splitting the coroutine (optimized fuzz build)
    public func pdf(of invoiceID: Invoice.ID, in accountID: BusinessAccount.ID, language: Language? = nil,
                    as principal: Principal) async throws -> [UInt8] {
        try await document(of: invoiceID, in: accountID, language: language, as: principal).pdf(catalog: context.catalog)
    }

    /// The invoice as Peppol BIS Billing 3.0 UBL 2.1 XML (R-IDOC-2).
    @inline(never)  // swift 6.3.1: inlined into an async caller, LLVM crashed splitting the coroutine (optimized fuzz build)
    public func ubl(of invoiceID: Invoice.ID, in accountID: BusinessAccount.ID, as principal: Principal) async throws -> String {
        try await document(of: invoiceID, in: accountID, as: principal).ubl(catalog: context.catalog)
    }
}
