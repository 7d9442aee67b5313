import CPSKit

/// The frame of every page: the document head, the navigation (what the session may open), the
/// language switch, and the main content. Plain semantic HTML with one stylesheet and no script.
enum Layout {
    /// A whole page with `title` and `content`.
    static func page(_ title: String, _ page: PageContext, _ content: HTML) -> HTML {
        let navigation: [HTML]
        switch page.session?.subject {
        case .user?:
            navigation = [link("/", page.text("portal.nav.home")), link("/products", page.text("portal.nav.products")),
                          link("/levels", page.text("portal.nav.levels")), link("/purchase", page.text("portal.nav.purchase")), link("/invoices", page.text("portal.nav.invoices")),
                          signOut(page)]
        case .reviewer?:
            navigation = [link("/review", page.text("portal.nav.home")), signOut(page)]
        case .applicant?:
            navigation = [link("/application", page.text("portal.nav.home")), signOut(page)]
        case nil:
            navigation = [link("/sign-in", page.text("portal.nav.signIn")), link("/apply", page.text("portal.nav.apply"))]
        }
        let languages: [HTML] = [(Language.swedish, "Svenska"), (Language.english, "English")].map { language, name in
            language == page.language
                ? "<li><strong lang=\"\(language.code)\">\(name)</strong></li>"
                : "<li><a lang=\"\(language.code)\" href=\"/language?to=\(language.code)&amp;back=\(page.path)\">\(name)</a></li>"
        }
        return """
        <!DOCTYPE html>
        <html lang="\(page.language.code)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(title) – \(page.text("portal.title"))</title>
        <link rel="stylesheet" href="/style.css">
        <link rel="icon" href="/favicon.ico">
        </head>
        <body>
        <header>
        <p class="brand">\(page.text("portal.title"))</p>
        <nav aria-label="\(page.text("portal.title"))"><ul>\(navigation)</ul></nav>
        <nav aria-label="\(page.text("portal.nav.language"))"><ul class="languages">\(languages)</ul></nav>
        </header>
        <main>
        <h1>\(title)</h1>
        \(content)
        </main>
        </body>
        </html>
        """
    }

    /// A navigation entry.
    static func link(_ href: String, _ label: String) -> HTML { "<li><a href=\"\(href)\">\(label)</a></li>" }

    /// The sign-out button: a form post with the CSRF token (never a GET link).
    static func signOut(_ page: PageContext) -> HTML {
        "<li><form method=\"post\" action=\"/sign-out\">\(page.csrfField)<button type=\"submit\">\(page.text("portal.nav.signOut"))</button></form></li>"
    }

    /// A labelled text input.
    static func field(_ name: String, _ label: String, type: String = "text", value: String = "", required: Bool = true,
                      autocomplete: String? = nil) -> HTML {
        let requiredAttribute: HTML = required ? " required" : ""
        let autocompleteAttribute: HTML = autocomplete.map { " autocomplete=\"\($0)\"" } ?? ""
        return """
        <p><label for="\(name)">\(label)</label>
        <input id="\(name)" name="\(name)" type="\(type)" value="\(value)"\(requiredAttribute)\(autocompleteAttribute)></p>
        """
    }

    /// A message box: an error (role alert) or a notice.
    static func message(_ text: String, error: Bool) -> HTML {
        error ? "<p class=\"error\" role=\"alert\">\(text)</p>" : "<p class=\"notice\">\(text)</p>"
    }
}
