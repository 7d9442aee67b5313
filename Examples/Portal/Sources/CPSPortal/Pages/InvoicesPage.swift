import CPSKit

/// The account's invoices (R-BIL-2, R-IDOC-1): number, amount due, due date, payment reference and
/// the PDF.
enum InvoicesPage {
    static func render(_ page: PageContext, invoices: [Invoice]) -> HTML {
        let rows = invoices.map { invoice -> HTML in
            """
            <tr><td>\(invoice.number)</td><td>\(page.catalog.format(.money(invoice.amountDue), in: page.language))</td>
            <td>\(page.catalog.format(.day(invoice.due.dueDay), in: page.language))</td><td>\(invoice.creditorReference.printed)</td>
            <td><a href="/invoices/\(invoice.id.rawValue)/pdf">\(page.text("portal.invoices.pdf"))</a></td></tr>
            """
        }
        let table: HTML = invoices.isEmpty
            ? "<p>\(page.text("portal.invoices.none"))</p>"
            : """
              <table><thead><tr><th scope="col">\(page.text("portal.invoices.number"))</th><th scope="col">\(page.text("portal.invoices.amount"))</th>
              <th scope="col">\(page.text("portal.invoices.due"))</th><th scope="col">\(page.text("portal.invoices.reference"))</th><th scope="col"></th></tr></thead>
              <tbody>\(rows)</tbody></table>
              """
        return Layout.page(page.text("portal.invoices.heading"), page, table)
    }
}
