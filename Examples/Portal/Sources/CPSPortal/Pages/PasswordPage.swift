import CPSKit

/// The page behind the mailed link (R-PWD-1, R-PWD-2): a new password for the token in the link.
enum PasswordPage {
    static func render(_ page: PageContext, token: String, error: String? = nil) -> HTML {
        let message: HTML = error.map { Layout.message($0, error: true) } ?? .empty
        return Layout.page(page.text("portal.password.heading"), page, """
        \(message)
        <form method="post" action="/set-password">
        <input type="hidden" name="token" value="\(token)">
        \(Layout.field("password", page.text("portal.field.newPassword"), type: "password", autocomplete: "new-password"))
        <p><button type="submit">\(page.text("portal.password.submit"))</button></p>
        </form>
        """)
    }
}
