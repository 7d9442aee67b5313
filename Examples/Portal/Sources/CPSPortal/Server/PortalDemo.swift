import CPSKit
import Foundation

/// Demonstration data for a fresh data directory (`cps-portal-demo`; the API check and a person
/// trying the portal start from it): one approved Swedish account whose superuser has a password,
/// two registered products (500 points: Silver is open), and an API bearer token for that user — all
/// made through the library's services, the way the portal's own pages make them.
public enum PortalDemo {
    /// What the demonstration made.
    public struct Account: Sendable {
        /// The superuser's e-mail address.
        public let email: String
        /// The superuser's password.
        public let password: String
        /// The account.
        public let accountID: BusinessAccount.ID
        /// A bearer token for `/api/v1` (stored as its digest, like a session).
        public let bearerToken: String
    }

    /// Makes the demonstration account in `environment` (a directory that has none yet).
    public static func seed(_ environment: PortalEnvironment, password: String = "Ljus-och-bild-2026") async throws -> Account {
        let services = environment.services
        let email = "anna@ljusbild.example"
        let form = ApplicationForm(companyName: "Ljusbild Foto AB", street: "Storgatan 12", postalCode: "111 22", city: "Stockholm",
                                   country: "SE", vatNumber: "SE556677889901", contactName: "Anna Lind", contactEmail: email,
                                   contactLanguage: "sv", applicantRole: "VD", attestsAuthority: true)
        let applicant = Principal.applicant(try EmailAddress(email))
        let application = try await services.onboarding.createApplication(form, as: applicant)
        let document = try await services.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "faktura.pdf",
                                                                 bytes: Data("%PDF-1.4\n%%EOF\n".utf8), as: applicant)
        _ = try await services.onboarding.submit(application.id, as: applicant)
        let reviewer = try await services.reviewers.add(name: "Demo reviewer", email: "demo-reviewer@cps-portal.invalid", as: .system("portal-demo"))
        _ = try await services.review.recordVisibleFields(VisibleFields(companyName: form.companyName, vatNumber: form.vatNumber),
                                                          on: document.id, of: application.id, as: .reviewer(reviewer.id))
        let approval = try await services.review.approve(application.id, as: .reviewer(reviewer.id))
        _ = try await services.mailDispatcher?.dispatchPending()
        let link = DevMailboxPage.read(environment.configuration.mailDirectory)
            .filter { $0.to.contains(email) }.flatMap(\.links).first { $0.contains("/set-password?token=") }
        guard let link, let token = link.split(separator: "=", maxSplits: 1).last.map(String.init) else {
            throw PortalStartupError("the password mail for \(email) was not delivered to \(environment.configuration.mailDirectory.path)")
        }
        _ = try await services.passwords.setPassword(token: token, newPassword: password)
        let signedIn = try await services.passwords.signIn(email: email, password: password)
        for (model, serial) in [("EOS R5", "AB-1234"), ("RF 24-70mm F2.8 L IS USM", "CD5678")] {
            _ = try await services.products.register(ProductForm(model: model, serialNumber: serial, purchaseDate: "2025-06",
                                                                 countryOfPurchase: "SE", dealer: "Foto Stockholm"),
                                                     on: approval.account.id, as: signedIn.principal)
        }
        let (bearer, _) = try await PortalSessions(context: environment.context).create(for: .user(signedIn.user.id, account: approval.account.id))
        return Account(email: email, password: password, accountID: approval.account.id, bearerToken: bearer)
    }
}
