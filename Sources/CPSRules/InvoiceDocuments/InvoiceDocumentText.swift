import Foundation

/// The invoice document as lines of text in the customer's language (R-IDOC-1): the mail body and
/// the PDF's content. Each mandatory item is on one line, so that the PDF prints it as one text run.
public enum InvoiceDocumentText {
    /// The document's lines, in ``InvoiceDocument/language``.
    public static func lines(_ document: InvoiceDocument, catalog: TextCatalog = .standard) -> [String] {
        let language = document.language
        func label(_ name: String) -> String { catalog.render(TextKey("invoiceDocument.label.\(name)"), in: language) }
        func money(_ value: Money) -> String { value.formatted(in: language) }
        func rate(_ percent: Decimal?) -> String {
            percent.map { "\(DecimalText.text($0)) %" } ?? catalog.render("invoiceDocument.vatCategory.O", in: language)
        }
        func party(_ title: String, _ party: InvoiceDocument.Party) -> [String] {
            var result = ["\(label(title)): \(party.name)", party.address.street,
                          "\(party.address.postalCode) \(party.address.city), \(party.address.country.code)"]
            if let number = party.vatNumber { result.append("\(label("vatNumber")): \(number.compact)") }
            if let registration = party.registration {
                result.append("\(label("registration")): \(registration.registerName) \(registration.identifier)")
            }
            return result
        }
        let credit = document.credit
        var lines: [String] = [
            "\(title(document, catalog: catalog)) \(document.number)",
            "\(label(credit == nil ? "number" : "creditNoteNumber")): \(document.number)",
            "\(label(credit == nil ? "issueDate" : "creditNoteDate")): \(document.issueDay)",
        ]
        if let credit {
            lines.append("\(label("creditedInvoice")): "
                         + catalog.render("invoiceDocument.creditedInvoice",
                                          ["number": credit.invoiceNumber, "date": credit.invoiceIssueDay.description], in: language))
        }
        lines.append("\(label("supplyPeriod")): \(document.supplyPeriod.start) \u{2013} \(document.supplyPeriod.end)")
        if let dueDay = document.dueDay { lines.append("\(label("dueDate")): \(dueDay)") }
        lines += ["\(label("buyerReference")): \(document.buyerReference)", ""]
        lines += party("seller", document.seller) + [""] + party("buyer", document.buyer) + [""]
        for line in document.lines {
            lines.append("\(line.id). \(line.description) \u{2014} \(label("quantity")): \(line.quantity) \u{2014} "
                         + "\(label("unitPrice")): \(money(line.unitPrice)) \u{2014} \(label("vatRate")): \(rate(line.percent)) \u{2014} "
                         + "\(label("amount")): \(money(line.netAmount))")
        }
        lines.append("")
        for subtotal in document.vatBreakdown {
            var text = "\(label("vatBreakdown")): \(label("taxableAmount")) \(money(subtotal.taxableAmount)) \u{2014} "
                + "\(label("vatRate")) \(rate(subtotal.percent)) \u{2014} \(label("vatAmount")) \(money(subtotal.taxAmount))"
            if let note = subtotal.exemptionNote { text += " \u{2014} " + note.text(in: language, catalog: catalog) }
            lines.append(text)
        }
        lines.append("\(label("totalExclVAT")): \(money(document.totals.taxExclusive))")
        lines.append("\(label("totalVAT")): \(money(document.totals.vat))")
        lines.append("\(label("totalInclVAT")): \(money(document.totals.taxInclusive))")
        if !document.totals.prepaid.isZero { lines.append("\(label("prepaid")): \(money(document.totals.prepaid))") }
        lines.append("\(label(credit == nil ? "payable" : "credited")): \(money(document.totals.payable))")
        lines.append("")
        for note in document.notes { lines.append(note.text(in: language, catalog: catalog)) }
        if let credit {
            lines.append("\(label("reason")): \(credit.reason)")
            return lines + settlement(document, catalog: catalog)
        }
        let payment = document.payment
        var facts = ["dueDate": document.dueDay?.description ?? "", "reference": payment.creditorReference.printed]
        if let account = payment.bankAccount {
            facts["iban"] = account.printedIBAN
            facts["bic"] = account.bic
            facts["holder"] = account.holder
        }
        lines.append("\(label("payment")): "
                     + catalog.render(TextKey("invoiceDocument.payment.\(payment.method.rawValue)"), facts, in: language))
        lines.append("\(label("reference")): \(payment.creditorReference.printed)")
        return lines
    }

    /// "Invoice" or "Credit note" in the document's language.
    public static func title(_ document: InvoiceDocument, catalog: TextCatalog = .standard) -> String {
        catalog.render(TextKey("invoiceDocument.title.\(document.kind.rawValue)"), in: document.language)
    }

    /// The settlement of a credit note in words, one sentence per part (R-LIFE-5): what reduced the
    /// amount due on the invoice, and what is credited to the account; used as UBL payment terms.
    /// Empty on an invoice.
    public static func settlement(_ document: InvoiceDocument, catalog: TextCatalog = .standard) -> [String] {
        guard let credit = document.credit else { return [] }
        let language = document.language
        var result: [String] = []
        if !credit.appliedToDue.isZero {
            result.append(catalog.render("invoiceDocument.settlement.appliedToDue",
                                         ["number": credit.invoiceNumber, "amount": credit.appliedToDue.formatted(in: language)],
                                         in: language))
        }
        if !credit.credited.isZero {
            result.append(catalog.render("invoiceDocument.settlement.credited",
                                         ["amount": credit.credited.formatted(in: language)], in: language))
        }
        return result
    }

    /// The document as one plain text, lines joined by newlines (R-IDOC-1).
    public static func render(_ document: InvoiceDocument, catalog: TextCatalog = .standard) -> String {
        lines(document, catalog: catalog).joined(separator: "\n") + "\n"
    }
}
