import CPSKit

/// "My products" (R-PRD-1…5, R-MIG-1): each registration with its green tick or what it is missing
/// and its points, the registration form, and MIGRATE PRODUCTS — or why it is not available.
enum ProductsPage {
    static func render(_ page: PageContext, products: [ProductRegistration], migration: MigrationAvailability,
                       notice: String? = nil, error: String? = nil) -> HTML {
        let rows = products.map { product -> HTML in
            let view: HTML = "<a href=\"/products/\(product.id.rawValue)\">\(page.text("portal.products.view"))</a>"
            let state: HTML = product.isComplete
                ? "<span class=\"open\">\(page.text("portal.products.complete"))</span> \(view)"
                : "\(page.text("portal.products.missing", ["fields": product.missingFields.map { $0.name(in: page.language, catalog: page.catalog) }.joined(separator: ", ")])) \(view)"
            return """
            <tr><td>\(product.model)</td><td>\(product.serial?.description ?? "–")</td>
            <td>\(page.text("portal.products.points", ["points": String(product.allocatedPoints ?? 0)]))</td><td>\(state)</td></tr>
            """
        }
        let table: HTML = products.isEmpty
            ? "<p>\(page.text("portal.products.none"))</p>"
            : """
              <table><thead><tr><th scope="col">\(page.text("portal.products.model"))</th><th scope="col">\(page.text("portal.products.serial"))</th>
              <th scope="col">\(page.text("portal.products.pointsColumn"))</th><th scope="col"></th></tr></thead><tbody>\(rows)</tbody></table>
              """
        let migrate: HTML = migration.isAvailable
            ? "<form method=\"post\" action=\"/products/migrate\">\(page.csrfField)<p><button type=\"submit\">\(page.text("portal.products.migrate"))</button></p></form>"
            : "<p class=\"unavailable\"><button type=\"button\" disabled>\(page.text("portal.products.migrate"))</button> \(migration.reason.map { page.catalog.render($0.textKey, in: page.language) } ?? "")</p>"
        let message: HTML = error.map { Layout.message($0, error: true) } ?? notice.map { Layout.message($0, error: false) } ?? .empty
        return Layout.page(page.text("portal.products.heading"), page, """
        \(message)
        \(table)
        \(migrate)
        <h2>\(page.text("portal.products.registerHeading"))</h2>
        <form method="post" action="/products">
        \(page.csrfField)
        \(Layout.field("model", page.text("portal.products.model")))
        \(Layout.field("serialNumber", page.text("portal.products.serial"), required: false))
        \(Layout.field("purchaseDate", page.text("portal.products.purchaseDate"), required: false))
        \(Layout.field("countryOfPurchase", page.text("portal.products.country"), required: false))
        \(Layout.field("dealer", page.text("portal.products.dealer"), required: false))
        <p><button type="submit">\(page.text("portal.products.register"))</button></p>
        </form>
        """)
    }
}
