import CPSKit

/// "View product" (R-PRD-3): one registration with the library's explanation — the green tick, or
/// what is missing and why it earns no points yet — and a form to fill in or correct its fields.
enum ProductPage {
    static func render(_ page: PageContext, detail: ProductDetail, notice: String? = nil, error: String? = nil) -> HTML {
        let registration = detail.registration
        let lines = detail.explanation(in: page.language, catalog: page.catalog).map { line -> HTML in "<li>\(line)</li>" }
        let state: HTML = detail.isComplete
            ? "<p class=\"open\">\(page.text("portal.products.complete"))</p>"
            : "<p class=\"closed\">\(page.text("portal.products.missing", ["fields": detail.missingFields.map { $0.name(in: page.language, catalog: page.catalog) }.joined(separator: ", ")]))</p>"
        let message: HTML = error.map { Layout.message($0, error: true) } ?? notice.map { Layout.message($0, error: false) } ?? .empty
        return Layout.page(registration.model, page, """
        \(message)
        \(state)
        <ul>\(lines)</ul>
        <form method="post" action="/products/\(registration.id.rawValue)">
        \(page.csrfField)
        \(Layout.field("serialNumber", page.text("portal.products.serial"), value: registration.serial?.description ?? "", required: false))
        \(Layout.field("purchaseDate", page.text("portal.products.purchaseDate"), value: registration.purchaseDate?.description ?? "", required: false))
        \(Layout.field("countryOfPurchase", page.text("portal.products.country"), value: registration.countryOfPurchase?.description ?? "", required: false))
        \(Layout.field("dealer", page.text("portal.products.dealer"), value: registration.dealer ?? "", required: false))
        <p><button type="submit">\(page.text("portal.product.save"))</button></p>
        </form>
        """)
    }
}
