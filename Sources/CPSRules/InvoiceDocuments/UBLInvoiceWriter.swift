import Foundation

/// The invoice document as a Peppol BIS Billing 3.0 / EN 16931 UBL 2.1 `Invoice` (type 380), or a
/// credit note as a UBL 2.1 `CreditNote` (type 381) with positive amounts, a `BillingReference` to the
/// invoice it credits (BT-25, BT-26) and its settlement as payment terms (BT-20) (R-IDOC-2, R-LIFE-5).
/// The VAT category follows the treatment: `S` standard; `AE` reverse charge with the
/// buyer's VAT number and exemption reason `VATEX-EU-AE`; `O` outside scope with no seller or buyer
/// VAT identifier (BR-O-02) and reason `VATEX-EU-O`. The buyer reference is the membership number;
/// payment means 48 card, 58 SEPA credit transfer, 30 other credit transfer. Elements are written in
/// the schema's order; the bytes are deterministic.
public enum UBLInvoiceWriter {
    /// The Peppol BIS Billing 3.0 customization identifier (BT-24).
    public static let customizationID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
    /// The Peppol billing process (BT-23).
    public static let profileID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"

    /// The UBL XML of `document`.
    ///
    /// - Throws: ``InvoiceDocumentError/Reason/missingBuyerEndpoint`` when the buyer has no electronic
    ///   address and none can be derived from its VAT number (``ElectronicAddress/derived(from:)``).
    public static func xml(_ document: InvoiceDocument, catalog: TextCatalog = .standard) throws(InvoiceDocumentError) -> String {
        guard let buyerEndpoint = document.buyer.electronicAddress ?? document.buyer.vatNumber.flatMap(ElectronicAddress.derived(from:)) else {
            throw InvoiceDocumentError(.missingBuyerEndpoint, facts: ["country": document.buyer.address.country.code])
        }
        let sellerEndpoint = document.seller.electronicAddress
        let category = document.vatCategory
        let currency = document.currency.code
        let language = document.language
        let credit = document.credit
        let root = credit == nil ? "Invoice" : "CreditNote"
        var x = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        x += "<\(root) xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:\(root)-2\" "
            + "xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" "
            + "xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n"
        func element(_ name: String, _ value: String, _ attributes: String = "", indent: Int = 1) {
            x += String(repeating: "  ", count: indent) + "<\(name)\(attributes)>\(escape(value))</\(name)>\n"
        }
        func begin(_ name: String, indent: Int) { x += String(repeating: "  ", count: indent) + "<\(name)>\n" }
        func finish(_ name: String, indent: Int) { x += String(repeating: "  ", count: indent) + "</\(name)>\n" }
        func amount(_ name: String, _ money: Money, indent: Int) {
            element(name, money.amountText, " currencyID=\"\(currency)\"", indent: indent)
        }
        func taxCategory(_ name: String, percent: Decimal?, reason: InvoiceNote?, indent: Int) {
            begin(name, indent: indent)
            element("cbc:ID", category.rawValue, indent: indent + 1)
            if let percent { element("cbc:Percent", DecimalText.text(percent), indent: indent + 1) }
            if let code = category.exemptionReasonCode, let reason {
                element("cbc:TaxExemptionReasonCode", code, indent: indent + 1)
                element("cbc:TaxExemptionReason", reason.text(in: language, catalog: catalog), indent: indent + 1)
            }
            begin("cac:TaxScheme", indent: indent + 1)
            element("cbc:ID", "VAT", indent: indent + 2)
            finish("cac:TaxScheme", indent: indent + 1)
            finish(name, indent: indent)
        }
        func party(_ role: String, _ party: InvoiceDocument.Party, endpoint: ElectronicAddress) {
            begin(role, indent: 1)
            begin("cac:Party", indent: 2)
            element("cbc:EndpointID", endpoint.identifier, " schemeID=\"\(endpoint.scheme)\"", indent: 3)
            begin("cac:PartyName", indent: 3)
            element("cbc:Name", party.name, indent: 4)
            finish("cac:PartyName", indent: 3)
            begin("cac:PostalAddress", indent: 3)
            element("cbc:StreetName", party.address.street, indent: 4)
            element("cbc:CityName", party.address.city, indent: 4)
            element("cbc:PostalZone", party.address.postalCode, indent: 4)
            begin("cac:Country", indent: 4)
            element("cbc:IdentificationCode", party.address.country.code, indent: 5)
            finish("cac:Country", indent: 4)
            finish("cac:PostalAddress", indent: 3)
            if category != .outsideScope, let vat = party.vatNumber {
                begin("cac:PartyTaxScheme", indent: 3)
                element("cbc:CompanyID", vat.compact, indent: 4)
                begin("cac:TaxScheme", indent: 4)
                element("cbc:ID", "VAT", indent: 5)
                finish("cac:TaxScheme", indent: 4)
                finish("cac:PartyTaxScheme", indent: 3)
            }
            begin("cac:PartyLegalEntity", indent: 3)
            element("cbc:RegistrationName", party.name, indent: 4)
            if let registration = party.registration {
                element("cbc:CompanyID", registration.identifier, " schemeID=\"\(registration.scheme)\"", indent: 4)
            }
            finish("cac:PartyLegalEntity", indent: 3)
            finish("cac:Party", indent: 2)
            finish(role, indent: 1)
        }

        element("cbc:CustomizationID", customizationID)
        element("cbc:ProfileID", profileID)
        element("cbc:ID", document.number)
        element("cbc:IssueDate", document.issueDay.description)
        if let dueDay = document.dueDay { element("cbc:DueDate", dueDay.description) }
        element("cbc:\(root)TypeCode", document.kind.typeCode)
        // Peppol allows one document-level note (PEPPOL-EN16931-R002): the VAT note, then a credit note's reason.
        let notes = document.notes.map { $0.text(in: language, catalog: catalog) } + (credit.map { [$0.reason] } ?? [])
        if !notes.isEmpty { element("cbc:Note", notes.joined(separator: " ")) }
        element("cbc:DocumentCurrencyCode", currency)
        element("cbc:BuyerReference", document.buyerReference)
        begin("cac:InvoicePeriod", indent: 1)
        element("cbc:StartDate", document.supplyPeriod.start.description, indent: 2)
        element("cbc:EndDate", document.supplyPeriod.end.description, indent: 2)
        finish("cac:InvoicePeriod", indent: 1)
        if let credit {
            begin("cac:BillingReference", indent: 1)
            begin("cac:InvoiceDocumentReference", indent: 2)
            element("cbc:ID", credit.invoiceNumber, indent: 3)
            element("cbc:IssueDate", credit.invoiceIssueDay.description, indent: 3)
            finish("cac:InvoiceDocumentReference", indent: 2)
            finish("cac:BillingReference", indent: 1)
        }
        party("cac:AccountingSupplierParty", document.seller, endpoint: sellerEndpoint ?? buyerEndpoint)
        party("cac:AccountingCustomerParty", document.buyer, endpoint: buyerEndpoint)
        if credit == nil {
            let payment = document.payment
            begin("cac:PaymentMeans", indent: 1)
            element("cbc:PaymentMeansCode", payment.meansCode, indent: 2)
            element("cbc:PaymentID", payment.creditorReference.electronic, indent: 2)
            if let account = payment.bankAccount {
                begin("cac:PayeeFinancialAccount", indent: 2)
                element("cbc:ID", account.iban, indent: 3)
                element("cbc:Name", account.holder, indent: 3)
                begin("cac:FinancialInstitutionBranch", indent: 3)
                element("cbc:ID", account.bic, indent: 4)
                finish("cac:FinancialInstitutionBranch", indent: 3)
                finish("cac:PayeeFinancialAccount", indent: 2)
            }
            finish("cac:PaymentMeans", indent: 1)
        } else {
            // Nothing to pay: the terms say how the credit was settled (BR-CO-25 for a positive BT-115).
            begin("cac:PaymentTerms", indent: 1)
            element("cbc:Note", InvoiceDocumentText.settlement(document, catalog: catalog).joined(separator: " "), indent: 2)
            finish("cac:PaymentTerms", indent: 1)
        }
        begin("cac:TaxTotal", indent: 1)
        amount("cbc:TaxAmount", document.totals.vat, indent: 2)
        for subtotal in document.vatBreakdown {
            begin("cac:TaxSubtotal", indent: 2)
            amount("cbc:TaxableAmount", subtotal.taxableAmount, indent: 3)
            amount("cbc:TaxAmount", subtotal.taxAmount, indent: 3)
            taxCategory("cac:TaxCategory", percent: subtotal.percent, reason: subtotal.exemptionNote, indent: 3)
            finish("cac:TaxSubtotal", indent: 2)
        }
        finish("cac:TaxTotal", indent: 1)
        begin("cac:LegalMonetaryTotal", indent: 1)
        amount("cbc:LineExtensionAmount", document.totals.lineExtension, indent: 2)
        amount("cbc:TaxExclusiveAmount", document.totals.taxExclusive, indent: 2)
        amount("cbc:TaxInclusiveAmount", document.totals.taxInclusive, indent: 2)
        if !document.totals.prepaid.isZero { amount("cbc:PrepaidAmount", document.totals.prepaid, indent: 2) }
        amount("cbc:PayableAmount", document.totals.payable, indent: 2)
        finish("cac:LegalMonetaryTotal", indent: 1)
        for line in document.lines {
            begin("cac:\(root)Line", indent: 1)
            element("cbc:ID", line.id, indent: 2)
            element(credit == nil ? "cbc:InvoicedQuantity" : "cbc:CreditedQuantity", String(line.quantity), " unitCode=\"C62\"", indent: 2)
            amount("cbc:LineExtensionAmount", line.netAmount, indent: 2)
            begin("cac:Item", indent: 2)
            element("cbc:Name", line.description, indent: 3)
            taxCategory("cac:ClassifiedTaxCategory", percent: line.percent, reason: nil, indent: 3)
            finish("cac:Item", indent: 2)
            begin("cac:Price", indent: 2)
            amount("cbc:PriceAmount", line.unitPrice, indent: 3)
            finish("cac:Price", indent: 2)
            finish("cac:\(root)Line", indent: 1)
        }
        x += "</\(root)>\n"
        return x
    }

    /// `text` with `&`, `<`, `>`, `"` escaped for XML.
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension InvoiceDocument {
    /// The document as a Peppol BIS Billing 3.0 UBL 2.1 invoice or credit note (R-IDOC-2); see ``UBLInvoiceWriter``.
    public func ubl(catalog: TextCatalog = .standard) throws(InvoiceDocumentError) -> String {
        try UBLInvoiceWriter.xml(self, catalog: catalog)
    }
}
