import CPSKit
import Foundation

/// Sample inputs for tests and examples: a Swedish company's form, tiny valid PDF/PNG/JPEG files, and
/// what its invoice visibly shows. Labelled as sample data; not real companies.
public enum Fixtures {
    /// The version of the membership terms in force under the default policy, for purchases (R-LIFE-6).
    public static let termsVersion = CPSPolicy.canonEurope.lifecycle.termsVersion

    /// A Swedish VAT-registered photo studio (sample data).
    public static let swedishForm = ApplicationForm(
        companyName: "Ljusbild Foto AB", street: "Storgatan 12", postalCode: "111 22", city: "Stockholm", country: "SE",
        vatNumber: "SE556677889901", contactName: "Anna Lind", contactEmail: "anna@ljusbild.example",
        contactLanguage: "sv", applicantRole: "VD", attestsAuthority: true, oldCPSEmail: "anna.lind@old-cps.example")

    /// A Swedish company without VAT registration (sample data).
    public static let swedishNonVATForm = ApplicationForm(
        companyName: "Fotograf Berg", street: "Hamngatan 3", postalCode: "41117", city: "Göteborg", country: "SE",
        vatNumber: nil, contactName: "Erik Berg", contactEmail: "erik@berg.example", contactLanguage: "en",
        applicantRole: "Owner", attestsAuthority: true)

    /// ``swedishNonVATForm`` for the `n`-th of several companies in one test: "Fotograf Berg `n`",
    /// `erik<n>@berg.example` (sample data).
    public static func swedishNonVATForm(_ n: Int) -> ApplicationForm {
        var form = swedishNonVATForm
        form.companyName = "Fotograf Berg \(n)"
        form.contactEmail = "erik\(n)@berg.example"
        return form
    }

    /// A minimal PDF file.
    public static let pdf = Data("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".utf8)
    /// The PNG signature and a header chunk.
    public static let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
    /// The start of a JPEG file.
    public static let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0])

    /// What an invoice of the company in `form` shows when everything is right.
    public static func visibleFields(of form: ApplicationForm, issued: CalendarDay? = nil) -> VisibleFields {
        VisibleFields(companyName: form.companyName, vatNumber: form.vatNumber, street: form.street,
                      postalCode: form.postalCode, city: form.city, issueDate: issued)
    }
}
