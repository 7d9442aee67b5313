/// The VAT decision for one invoice and why (R-BIL-5): the treatment, the rate charged, the note the
/// invoice carries, and the facts it was made from (kept with the invoice for the audit).
public struct VATAssessment: Hashable, Codable, Sendable {
    /// How VAT applies.
    public let treatment: VATTreatment
    /// The rate charged: the seller's rate for ``VATTreatment/domestic`` and ``VATTreatment/sellerRate``,
    /// `nil` when no VAT is charged.
    public let rate: VATRate?
    /// The note printed on the invoice: reverse charge or outside the scope of EU VAT; `nil` otherwise.
    public let note: InvoiceNote?
    /// Why this treatment, as a localizable explanation.
    public let explanation: InvoiceNote
    /// The customer's country.
    public let customerCountry: CountryCode
    /// The customer's VAT number as given (already valid under R-VAT-1), if any.
    public let customerVATNumber: VATNumber?
    /// The registry lookup's verdict on that number (R-VAT-2), kept with the invoice.
    public let registryVerdict: InvoiceTaxation.RegistryVerdict

    /// Creates an assessment; ``InvoiceTaxation/assess(customerCountry:customerVATNumber:registryVerdict:)``
    /// is the usual way.
    public init(treatment: VATTreatment, rate: VATRate?, note: InvoiceNote?, explanation: InvoiceNote,
                customerCountry: CountryCode, customerVATNumber: VATNumber?,
                registryVerdict: InvoiceTaxation.RegistryVerdict) {
        self.treatment = treatment
        self.rate = treatment.chargesVAT ? rate : nil
        self.note = note
        self.explanation = explanation
        self.customerCountry = customerCountry
        self.customerVATNumber = customerVATNumber
        self.registryVerdict = registryVerdict
    }
}
