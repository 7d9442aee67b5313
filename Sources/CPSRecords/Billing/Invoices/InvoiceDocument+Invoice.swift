import Foundation

extension InvoiceDocument.Source {
    /// The facts of an issued `invoice` for its document (R-IDOC-1): the membership's number is the
    /// buyer's reference and its term the date of supply, in `timeZone` (the policy's).
    public init(invoice: Invoice, membership: Membership, timeZone: TimeZone, prepaid: Money? = nil) {
        self.init(number: invoice.number, due: invoice.due, customerName: invoice.customerName,
                  customerAddress: invoice.customerAddress, seller: invoice.seller, amounts: invoice.amounts,
                  creditorReference: invoice.creditorReference, paymentMethod: invoice.paymentMethod,
                  buyerReference: membership.number.compact,
                  supplyPeriod: InvoiceDocument.SupplyPeriod(termStart: membership.term.start, termEnd: membership.term.end,
                                                             timeZone: timeZone),
                  prepaid: prepaid)
    }
}

extension InvoiceDocument.Source {
    /// The facts of `creditNote` for its document (R-LIFE-5, R-IDOC-1): its number, its lines under the
    /// `invoice`'s VAT treatment, issued on the day of ``CreditNote/issuedAt`` in `timeZone`, with the
    /// invoice's customer, seller, payment reference and membership term, and a reference to the invoice.
    public init(creditNote: CreditNote, invoice: Invoice, membership: Membership, timeZone: TimeZone) {
        self.init(invoice: invoice, membership: membership, timeZone: timeZone)
        number = creditNote.number
        due = InvoiceDueDate(issueDay: CalendarDay(creditNote.issuedAt, in: timeZone), dueDays: 0, timeZone: timeZone)
        amounts = creditNote.amounts
        credit = InvoiceDocument.Credit(invoiceNumber: invoice.number, invoiceIssueDay: invoice.due.issueDay,
                                        reason: creditNote.reason, appliedToDue: creditNote.appliedToDue,
                                        credited: creditNote.credited)
    }
}
