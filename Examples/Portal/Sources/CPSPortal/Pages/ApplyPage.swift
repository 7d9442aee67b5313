import CPSKit

/// The application for a business account with its evidence upload (R-ACC-1…4, R-DOC-1…6): the
/// seed's steps 1–3 in one form, sent as `multipart/form-data`.
enum ApplyPage {
    static func render(_ page: PageContext, fields: FormFields = FormFields(), error: String? = nil) -> HTML {
        let kinds = EvidenceKind.predefined.map { kind -> HTML in
            let selected: HTML = fields["evidenceKind"] == kind.description ? " selected" : ""
            return "<option value=\"\(kind.description)\"\(selected)>\(kind.name(in: page.language, catalog: page.catalog))</option>"
        }
        let message: HTML = error.map { Layout.message($0, error: true) } ?? .empty
        let attests: HTML = fields["attests"] == "on" ? " checked" : ""
        return Layout.page(page.text("portal.apply.heading"), page, """
        \(message)
        <form method="post" action="/apply" enctype="multipart/form-data">
        \(page.csrfField)
        \(Layout.field("companyName", page.text("portal.apply.company"), value: fields["companyName"] ?? "", autocomplete: "organization"))
        \(Layout.field("street", page.text("portal.apply.street"), value: fields["street"] ?? "", autocomplete: "street-address"))
        \(Layout.field("postalCode", page.text("portal.apply.postalCode"), value: fields["postalCode"] ?? "", autocomplete: "postal-code"))
        \(Layout.field("city", page.text("portal.apply.city"), value: fields["city"] ?? ""))
        \(Layout.field("country", page.text("portal.apply.country"), value: fields["country"] ?? ""))
        \(Layout.field("vatNumber", page.text("portal.apply.vatNumber"), value: fields["vatNumber"] ?? "", required: false))
        \(Layout.field("contactName", page.text("portal.apply.contactName"), value: fields["contactName"] ?? "", autocomplete: "name"))
        \(Layout.field("email", page.text("portal.field.email"), type: "email", value: fields["email"] ?? "", autocomplete: "email"))
        \(Layout.field("role", page.text("portal.apply.role"), value: fields["role"] ?? ""))
        \(Layout.field("oldCPSEmail", page.text("portal.apply.oldCPSEmail"), type: "email", value: fields["oldCPSEmail"] ?? "", required: false))
        <p><input id="attests" name="attests" type="checkbox"\(attests) required>
        <label for="attests">\(page.text("portal.apply.attests"))</label></p>
        <p><label for="evidenceKind">\(page.text("portal.apply.evidenceKind"))</label>
        <select id="evidenceKind" name="evidenceKind">\(kinds)</select></p>
        <p><label for="evidence">\(page.text("portal.apply.file"))</label>
        <input id="evidence" name="evidence" type="file" accept=".pdf,.jpg,.jpeg,.png" required></p>
        <p><button type="submit">\(page.text("portal.apply.submit"))</button></p>
        </form>
        """)
    }
}
