import CPSKit

/// The purchase of a CPS level (R-MEM-1, R-BIL-1, R-LIFE-6): an open level, card or bank transfer
/// with what each means, and the acceptance of the current terms. The form carries a
/// random idempotency key, so sending it twice (a reload, a double click) buys once.
enum PurchasePage {
    static func render(_ page: PageContext, eligibility: LevelEligibility, termsVersion: String, idempotencyKey: String,
                       error: String? = nil) -> HTML {
        let open = (eligibility.individual + eligibility.business).filter(\.isOpen)
        let message: HTML = error.map { Layout.message($0, error: true) } ?? .empty
        guard !open.isEmpty else {
            return Layout.page(page.text("portal.purchase.heading"), page, "\(message)<p>\(page.text("portal.purchase.noOpenLevel"))</p>")
        }
        let options = open.map { availability -> HTML in
            "<option value=\"\(availability.level.rawValue)\">\(availability.level.name(in: page.language, catalog: page.catalog)) – \(page.catalog.format(.money(availability.yearlyFee), in: page.language))</option>"
        }
        return Layout.page(page.text("portal.purchase.heading"), page, """
        \(message)
        <form method="post" action="/purchase">
        \(page.csrfField)
        <p><label for="level">\(page.text("portal.purchase.level"))</label><select id="level" name="level">\(options)</select></p>
        <fieldset><legend>\(page.text("portal.purchase.method"))</legend>
        <p><input type="radio" id="card" name="method" value="card" checked><label for="card">\(page.text("portal.purchase.card"))</label></p>
        <p><input type="radio" id="bank" name="method" value="bankTransfer"><label for="bank">\(page.text("portal.purchase.bank"))</label></p>
        </fieldset>
        <p><input type="checkbox" id="terms" name="terms" value="\(termsVersion)" required>
        <label for="terms">\(page.text("portal.purchase.terms", ["version": termsVersion]))</label></p>
        <input type="hidden" name="idempotencyKey" value="\(idempotencyKey)">
        <p><button type="submit">\(page.text("portal.purchase.submit"))</button></p>
        </form>
        """)
    }
}
