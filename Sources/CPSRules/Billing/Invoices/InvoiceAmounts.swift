import Foundation

/// The amounts of an invoice, computed from its lines and its VAT assessment (R-BIL-2, R-BIL-5):
/// line totals rounded per line, the subtotal, the VAT per rate on the subtotal (rounded half-up), and
/// the total.
///
/// ```swift
/// let assessment = try InvoiceTaxation(policy: .canonEurope)
///     .assess(customerCountry: "NL", customerVATNumber: nil, registryVerdict: .notChecked)
/// let amounts = try InvoiceAmounts(lines: [InvoiceLine(description: "CPS Gold", unitPrice: Money(200, .eur))],
///                                  currency: .eur, assessment: assessment)
/// amounts.total   // 242.00 EUR
/// ```
public struct InvoiceAmounts: Hashable, Codable, Sendable {
    /// The VAT on one rate: the taxable amount, the rate and the tax.
    public struct VATLine: Hashable, Codable, Sendable {
        /// The rate applied (`nil` when the treatment charges no VAT: reverse charge or outside scope).
        public let rate: VATRate?
        /// The amount the rate applies to.
        public let taxableAmount: Money
        /// The tax, rounded half-up to the minor unit.
        public let vatAmount: Money
    }

    /// The lines, in order.
    public let lines: [InvoiceLine]
    /// Each line's total, in the order of ``lines``.
    public let lineTotals: [Money]
    /// The sum of the line totals.
    public let subtotal: Money
    /// The VAT per rate: one entry under one assessment (a zero-VAT entry for reverse charge or outside scope).
    public let vatLines: [VATLine]
    /// The sum of the VAT.
    public let vatTotal: Money
    /// Subtotal plus VAT: what the customer pays.
    public let total: Money
    /// The VAT decision the amounts were computed with.
    public let assessment: VATAssessment

    /// Computes the amounts of `lines` in `currency` under `assessment` (R-BIL-2, R-BIL-5).
    ///
    /// Refused with ``BillingError/Reason/invalidInvoiceLine`` when there are no lines or a quantity is
    /// below 1, and with ``BillingError/Reason/mixedCurrencies`` when a line is in another currency.
    public init(lines: [InvoiceLine], currency: Currency, assessment: VATAssessment) throws(BillingError) {
        guard !lines.isEmpty else { throw BillingError(.invalidInvoiceLine, facts: ["line": "0"]) }
        var totals: [Money] = []
        for (index, line) in lines.enumerated() {
            guard line.quantity >= 1 else {
                throw BillingError(.invalidInvoiceLine, facts: ["line": String(index + 1)])
            }
            guard line.unitPrice.currency == currency else {
                throw BillingError(.mixedCurrencies, facts: ["left": currency.code, "right": line.unitPrice.currency.code])
            }
            totals.append(line.total)
        }
        let subtotal = try Money.sum(totals, in: currency)
        let vat = assessment.rate.map { subtotal.multiplied(by: $0.factor) } ?? .zero(currency)
        self.lines = lines
        self.lineTotals = totals
        self.subtotal = subtotal
        self.vatLines = [VATLine(rate: assessment.rate, taxableAmount: subtotal, vatAmount: vat)]
        self.vatTotal = vat
        self.total = try subtotal.adding(vat)
        self.assessment = assessment
    }
}
