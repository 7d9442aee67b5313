import CPSKit
import CPSPortal
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// R-HOST-2: no record of another account is reachable by changing an ID in a URL. The account pages
/// take the account from the session; the routes that do take an ID are tried, each with the other
/// account's IDs, by a signed-in user of the first account.
@Suite("Portal: another account's IDs in a URL reach nothing (R-HOST-2)")
struct PortalCrossAccountTests {
    @Test("R-HOST-2, R-ACC-5: every route with an ID, given the other account's IDs, answers without the other account's data")
    func otherAccountsIDs() async throws {
        let fixture = try PortalFixture()
        let services = fixture.environment.services
        _ = try await fixture.approvedAccount()
        let other = try await fixture.approvedAccount(company: "Bildbyrån Åkesson AB", email: "bo@akesson.example", vat: "SE556036079301",
                                                      password: "Bildbyran-2026!")
        // The other account buys Silver, so it has an invoice with a PDF.
        let bo = try await services.passwords.signIn(email: "bo@akesson.example", password: "Bildbyran-2026!")
        var registered: [ProductRegistration.ID] = []
        for (model, serial) in [("EOS R5", "ZZ-9876"), ("RF 24-70mm F2.8 L IS USM", "YY1234")] {
            registered.append(try await services.products.register(ProductForm(model: model, serialNumber: serial, purchaseDate: "2025-06",
                                                                 countryOfPurchase: "SE", dealer: "Foto"), on: other, as: bo.principal).registration.id)
        }
        _ = try await services.membership.purchase(PurchaseRequest(accountID: other, level: .silver, paymentMethod: .bankTransfer,
                                                                   termsVersion: fixture.environment.context.policy.lifecycle.termsVersion),
                                                   idempotencyKey: "bo-1", as: bo.principal)
        let otherProducts = registered
        let invoice = try #require(try await services.invoicing.issueDueInvoices(as: .system("test")).issued.first)
        let application = try #require(try await fixture.environment.store.fetchAll(BusinessAccountApplication.self)
            .map(\.record).first { $0.accountID == other })
        let document = try #require(application.documents.first)

        try await fixture.run { browser in
            _ = try await browser.get("/sign-in")
            let signedIn = try await browser.post("/sign-in", [("email", "anna@ljusbild.example"), ("password", "Ljus-och-bild-2026")])
            #expect(signedIn.status == .seeOther)
            // Her own invoices page is empty; the other account's invoice is not found.
            let list = try await browser.get("/invoices")
            #expect(!list.text.contains(invoice.number))
            let routes = [
                "/invoices/\(invoice.id.rawValue)/pdf",
                "/review/applications/\(application.id.rawValue)",
                "/review/applications/\(application.id.rawValue)/documents/\(document.id.rawValue)",
            ]
            for route in routes {
                let page = try await browser.get(route)
                #expect(page.status != .ok, "\(route)")
                #expect(!page.text.contains("%PDF"), "\(route)")
                #expect(!page.text.contains("Bildbyrån") && !page.text.contains("Åkesson"), "\(route)")
                #expect(!page.text.contains(invoice.number), "\(route)")
            }
            let change = try await browser.post("/products/\(otherProducts[1].rawValue)", [("dealer", "Changed")])
            #expect(change.status == .notFound)
            #expect(!change.text.contains("YY1234"))
            #expect(try await services.products.product(otherProducts[1], of: other, as: bo.principal).registration.dealer == "Foto")
            for decision in ["approve", "reject", "more-information"] {
                let post = try await browser.post("/review/applications/\(application.id.rawValue)/\(decision)", [("reasons", "x"), ("message", "x")])
                #expect(post.status != .ok, "\(decision)")
            }
        }
    }
}
