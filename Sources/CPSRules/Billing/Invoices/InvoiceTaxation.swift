/// The VAT rule of R-BIL-5 as a pure function: who the customer is → how the invoice is taxed and why.
///
/// For a seller in country S (default: Canon Europa N.V., NL):
///
/// 1. Customer in S → ``VATTreatment/domestic`` at S's rate (a VAT number changes nothing).
/// 2. Customer in another EU member state with a VAT number that passed R-VAT-1, belongs to the
///    customer's own country, and whose registry lookup did **not** answer "invalid" →
///    ``VATTreatment/reverseCharge``: no VAT, the reverse-charge note (Article 196, Directive
///    2006/112/EC). "Unavailable" and "not checked" never count as invalid (R-VAT-2).
/// 3. Customer in another EU member state without such a number (none, another country's, or the
///    lookup said invalid) → ``VATTreatment/sellerRate`` at S's rate.
/// 4. Customer outside the EU (GB, NO, CH, …) → ``VATTreatment/outsideScope``: no EU VAT, with the
///    "outside the scope of EU VAT" note.
///
/// Northern Ireland (`XI`) is in the EU VAT area for goods only; CPS memberships are services, so an
/// `XI` customer or an `XI…` VAT number is treated as GB, outside the EU.
public struct InvoiceTaxation: Sendable {
    /// What the VAT registry lookup (R-VAT-2) said about the customer's number.
    public enum RegistryVerdict: String, Codable, Sendable, CaseIterable {
        /// The registry confirmed the number.
        case valid
        /// The registry answered that the number is not valid: the only verdict that removes reverse charge.
        case invalid
        /// The registry could not be reached; never counts as invalid.
        case unavailable
        /// No lookup was made.
        case notChecked
    }

    /// The policy with the seller, the EU member states and the rates.
    public let policy: BillingPolicy

    /// Creates the rule over `policy` (R-BIL-5).
    public init(policy: BillingPolicy) { self.policy = policy }

    /// The VAT treatment of an invoice to a customer in `customerCountry` (R-BIL-5).
    ///
    /// - Parameters:
    ///   - customerVATNumber: the customer's number, already valid under R-VAT-1, or `nil`.
    ///   - registryVerdict: the lookup's answer on that number (R-VAT-2).
    /// - Throws: ``BillingError/Reason/missingVATRate`` when the policy has no rate for the seller's
    ///   country and VAT is due.
    public func assess(customerCountry: CountryCode, customerVATNumber: VATNumber?,
                       registryVerdict: RegistryVerdict) throws(BillingError) -> VATAssessment {
        let seller = policy.seller.country
        let country: CountryCode = customerCountry.code == "XI" ? "GB" : customerCountry
        func decide(_ treatment: VATTreatment, rate: VATRate? = nil, note: InvoiceNote? = nil,
                    _ reason: String, _ facts: [String: String] = [:]) -> VATAssessment {
            var arguments = facts
            arguments["country"] = customerCountry.code
            if let rate { arguments["rate"] = rate.percentText }
            return VATAssessment(treatment: treatment, rate: rate, note: note,
                                 explanation: InvoiceNote(TextKey("billing.vat.reason.\(reason)"), arguments: arguments),
                                 customerCountry: customerCountry, customerVATNumber: customerVATNumber,
                                 registryVerdict: registryVerdict)
        }
        func sellerRate() throws(BillingError) -> VATRate {
            guard let rate = policy.vatRate(for: seller) else {
                throw BillingError(.missingVATRate, facts: ["country": seller.code])
            }
            return rate
        }

        if country == seller {
            return decide(.domestic, rate: try sellerRate(), "domestic")
        }
        guard policy.isEUMember(country) else {
            return decide(.outsideScope, note: .outsideScopeOfEUVAT, "outsideEU")
        }
        guard let number = customerVATNumber else {
            return decide(.sellerRate, rate: try sellerRate(), "noVATNumber")
        }
        let numberFacts = ["vatNumber": number.compact]
        guard number.country == country, number.prefix != "XI" else {
            return decide(.sellerRate, rate: try sellerRate(), "vatNumberOtherCountry", numberFacts)
        }
        switch registryVerdict {
        case .invalid:
            return decide(.sellerRate, rate: try sellerRate(), "lookupInvalid", numberFacts)
        case .valid:
            return decide(.reverseCharge, note: .reverseCharge, "reverseCharge", numberFacts)
        case .unavailable, .notChecked:
            return decide(.reverseCharge, note: .reverseCharge, "reverseChargeUnconfirmed", numberFacts)
        }
    }
}
