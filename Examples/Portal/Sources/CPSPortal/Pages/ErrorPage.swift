import CPSKit

/// A page that says what went wrong in the reader's words.
enum ErrorPage {
    static func render(_ page: PageContext, _ message: String) -> HTML {
        Layout.page(page.text("portal.error.heading"), page, Layout.message(message, error: true))
    }
}
