import CPSKit

/// One application in the back office (R-DOC-4, R-VAL-1, R-VAL-3): its facts, each document to
/// download (never shown inline) with the form of what it visibly shows, and the decisions.
enum ReviewApplicationPage {
    static func render(_ page: PageContext, application: BusinessAccountApplication, notice: String? = nil, error: String? = nil) -> HTML {
        let base = "/review/applications/\(application.id.rawValue)"
        let documents = application.documents.map { document -> HTML in
            let shown = document.visibleFields
            return """
            <li><h3>\(document.kind.name(in: page.language, catalog: page.catalog))</h3>
            <p><a href="\(base)/documents/\(document.id.rawValue)">\(page.text("portal.review.download", ["file": document.fileName]))</a></p>
            <form method="post" action="\(base)/documents/\(document.id.rawValue)/fields">
            \(page.csrfField)
            <fieldset><legend>\(page.text("portal.review.visibleFields"))</legend>
            \(Layout.field("companyName-\(document.id.rawValue)", page.text("portal.review.company"), value: shown?.companyName ?? "", required: false))
            \(Layout.field("vatNumber-\(document.id.rawValue)", page.text("portal.review.vatNumber"), value: shown?.vatNumber ?? "", required: false))
            <p><button type="submit">\(page.text("portal.review.saveFields"))</button></p>
            </fieldset>
            </form></li>
            """
        }
        let message: HTML = error.map { Layout.message($0, error: true) } ?? notice.map { Layout.message($0, error: false) } ?? .empty
        let address = application.address
        return Layout.page(application.companyName, page, """
        \(message)
        <dl>
        <dt>\(page.text("portal.review.country"))</dt><dd>\(page.catalog.countryName(address.country, in: page.language))</dd>
        <dt>\(page.text("portal.apply.street"))</dt><dd>\(address.street), \(address.postalCode) \(address.city)</dd>
        <dt>\(page.text("portal.apply.contactName"))</dt><dd>\(application.contactName) (\(application.contactEmail.address))</dd>
        <dt>\(page.text("portal.review.due"))</dt><dd>\(application.decisionDueDay.map { page.catalog.format(.day($0), in: page.language) } ?? "–")</dd>
        </dl>
        <h2>\(page.text("portal.review.documents"))</h2>
        <ul class="documents">\(documents)</ul>
        <form method="post" action="\(base)/approve">\(page.csrfField)<p><button type="submit">\(page.text("portal.review.approve"))</button></p></form>
        <form method="post" action="\(base)/reject">\(page.csrfField)
        <p><label for="reasons">\(page.text("portal.review.reasons"))</label><textarea id="reasons" name="reasons" required></textarea></p>
        <p><button type="submit">\(page.text("portal.review.reject"))</button></p></form>
        <form method="post" action="\(base)/more-information">\(page.csrfField)
        <p><label for="message">\(page.text("portal.review.message"))</label><textarea id="message" name="message" required></textarea></p>
        <p><button type="submit">\(page.text("portal.review.moreInformation"))</button></p></form>
        """)
    }
}
