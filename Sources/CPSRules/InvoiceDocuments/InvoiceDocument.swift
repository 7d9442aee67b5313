import Foundation

/// The invoice a customer receives, as one pure value (R-IDOC-1, R-IDOC-2, R-BIL-2, R-BIL-5): every
/// item Article 226 of Directive 2006/112/EC requires, plus the due date, the payment means and the
/// RF reference. The text, PDF and UBL renderers read only this value, so the three never disagree.
///
/// Built from an issued invoice's facts (``Source``), the policy and the buyer's details:
///
/// ```swift
/// let document = try InvoiceDocument(source, documents: .canonEurope, buyer: InvoiceDocument.BuyerDetails(language: .swedish))
/// document.notes          // [reverse charge] for an SE customer with a VAT number
/// document.totals.payable // what is left to pay after account credit
/// ```
///
/// A credit note (R-LIFE-5) is the same value with ``Kind/creditNote``: its ``credit`` names the
/// invoice it corrects (BT-25, BT-26), the reason and how it was settled; it has no due day, its
/// amounts are positive and under the invoice's VAT treatment.
public struct InvoiceDocument: Hashable, Sendable {
    /// The kind of document.
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A commercial invoice (UNTDID 1001 code 380).
        case invoice
        /// A credit note correcting an invoice (UNTDID 1001 code 381; R-LIFE-5).
        case creditNote

        /// The UNTDID 1001 document type code (BT-3): 380 invoice, 381 credit note.
        public var typeCode: String {
            switch self {
            case .invoice: "380"
            case .creditNote: "381"
            }
        }
    }

    /// An invoice or a credit note.
    public let kind: Kind
    /// The sequential number (Article 226(2), BT-1).
    public let number: String
    /// The date of issue (Article 226(1), BT-2).
    public let issueDay: CalendarDay
    /// The day by which payment is due (R-BIL-2, BT-9); `nil` on a credit note (nothing is paid by the customer).
    public let dueDay: CalendarDay?
    /// The date of supply: the membership term, first and last day (Article 226(7), BG-14).
    public let supplyPeriod: SupplyPeriod
    /// The invoice currency (BT-5).
    public let currency: Currency
    /// The customer's language: the text and PDF are written in it (R-IDOC-1).
    public let language: Language
    /// The seller: name, address, VAT number, company registration, electronic address (Article 226(3), (5)).
    public let seller: Party
    /// The buyer: name, address, VAT number where it has one (Article 226(4), (5)).
    public let buyer: Party
    /// The buyer's reference: the membership number (BT-10, Peppol R003).
    public let buyerReference: String
    /// The lines: quantity and nature of the service, unit price, net amount (Article 226(6), (8)).
    public let lines: [Line]
    /// The VAT per category and rate: taxable amount, rate, VAT (Article 226(8)–(10), BG-23).
    public let vatBreakdown: [VATSubtotal]
    /// The document totals, including account credit already paid (BG-22).
    public let totals: Totals
    /// The notes: reverse charge (Article 226(11a)) or outside the scope of EU VAT (R-BIL-5).
    public let notes: [InvoiceNote]
    /// How to pay: card, or bank transfer to IBAN/BIC with the RF reference (R-BIL-1, R-BIL-4).
    public let payment: Payment
    /// What a credit note adds: the invoice it credits, the reason, the settlement; `nil` on an invoice.
    public let credit: Credit?

    /// The number of the invoice a credit note credits (BT-25); `nil` on an invoice.
    public var precedingInvoice: String? { credit?.invoiceNumber }

    /// Builds the document of `source` under the invoice-document policy (R-IDOC-1): an invoice, or a
    /// credit note when `source.credit` is set (R-LIFE-5; its due day is then `nil` and nothing is prepaid).
    ///
    /// - Throws: ``InvoiceDocumentError/Reason/missingBuyerVATNumber`` for a reverse-charge invoice
    ///   without the customer's VAT number; ``InvoiceDocumentError/Reason/mixedCurrencies`` when the
    ///   prepaid amount is in another currency.
    public init(_ source: Source, documents: InvoiceDocumentPolicy, buyer details: BuyerDetails) throws(InvoiceDocumentError) {
        let amounts = source.amounts
        let assessment = amounts.assessment
        let currency = amounts.total.currency
        let category = VATCategory(assessment.treatment)
        if category == .reverseCharge, assessment.customerVATNumber == nil {
            throw InvoiceDocumentError(.missingBuyerVATNumber, facts: ["number": source.number])
        }
        let prepaid = source.credit == nil ? (source.prepaid ?? .zero(currency)) : .zero(currency)
        guard prepaid.currency == currency else {
            throw InvoiceDocumentError(.mixedCurrencies, facts: ["left": currency.code, "right": prepaid.currency.code])
        }
        if let credit = source.credit {
            for money in [credit.appliedToDue, credit.credited] where money.currency != currency {
                throw InvoiceDocumentError(.mixedCurrencies, facts: ["left": currency.code, "right": money.currency.code])
            }
        }
        kind = source.credit == nil ? .invoice : .creditNote
        number = source.number
        issueDay = source.due.issueDay
        dueDay = source.credit == nil ? source.due.dueDay : nil
        supplyPeriod = source.supplyPeriod
        self.currency = currency
        language = details.language
        seller = Party(name: source.seller.legalName, address: documents.sellerAddress,
                       vatNumber: source.seller.vatNumber, registration: documents.sellerRegistration,
                       electronicAddress: documents.sellerElectronicAddress)
        buyer = Party(name: source.customerName, address: source.customerAddress,
                      vatNumber: assessment.customerVATNumber, registration: details.registration,
                      electronicAddress: details.electronicAddress)
        buyerReference = source.buyerReference
        let percent = category == .outsideScope ? nil : (assessment.rate?.percent ?? 0)
        lines = zip(amounts.lines, amounts.lineTotals).enumerated().map { index, pair in
            Line(id: String(index + 1), description: pair.0.description, quantity: pair.0.quantity,
                 unitPrice: pair.0.unitPrice, netAmount: pair.1, category: category, percent: percent)
        }
        vatBreakdown = amounts.vatLines.map { line in
            VATSubtotal(category: category, percent: category == .outsideScope ? nil : (line.rate?.percent ?? 0),
                        taxableAmount: line.taxableAmount, taxAmount: line.vatAmount,
                        exemptionNote: category.chargesVAT ? nil : assessment.note)
        }
        let payable = Money(amounts.total.amount - prepaid.amount, currency)
        totals = Totals(lineExtension: amounts.subtotal, taxExclusive: amounts.subtotal, vat: amounts.vatTotal,
                        taxInclusive: amounts.total, prepaid: prepaid, payable: payable)
        notes = assessment.note.map { [$0] } ?? []
        payment = Payment(method: source.paymentMethod, creditorReference: source.creditorReference,
                          bankAccount: source.paymentMethod == .bankTransfer ? documents.bankAccount : nil,
                          isSEPA: documents.sepaCurrencies.contains(currency))
        credit = source.credit
    }

    /// The VAT treatment, as its EN 16931 category.
    public var vatCategory: VATCategory { lines.first?.category ?? .standard }
}
