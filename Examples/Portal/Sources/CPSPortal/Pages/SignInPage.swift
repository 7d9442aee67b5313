import CPSKit

/// The sign-in page (R-PWD-3, R-ID-2): e-mail and password, and the library's message when a
/// sign-in is refused or throttled.
enum SignInPage {
    static func render(_ page: PageContext, email: String = "", error: String? = nil, notice: String? = nil,
                       action: String = "/sign-in", heading: String? = nil) -> HTML {
        let message: HTML = error.map { Layout.message($0, error: true) } ?? notice.map { Layout.message($0, error: false) } ?? .empty
        return Layout.page(heading ?? page.text("portal.signIn.heading"), page, """
        \(message)
        <form method="post" action="\(action)">
        \(page.csrfField)
        \(Layout.field("email", page.text("portal.field.email"), type: "email", value: email, autocomplete: "username"))
        \(Layout.field("password", page.text("portal.field.password"), type: "password", autocomplete: "current-password"))
        <p><button type="submit">\(page.text("portal.signIn.submit"))</button></p>
        </form>
        """)
    }
}
