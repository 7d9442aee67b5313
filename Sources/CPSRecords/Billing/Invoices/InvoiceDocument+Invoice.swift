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
