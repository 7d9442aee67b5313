import CPSKit
import CPSPortal
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Testing

/// The JSON API (R-HOST-1): bearer tokens stored as digests, idempotent registration and purchase,
/// RFC 9457 problems with the library's code in the reader's language, and the OpenAPI document.
@Suite("Portal: the JSON API and its OpenAPI document (R-HOST-1)")
struct PortalAPITests {
    static func json(_ page: Browser.Page) throws -> Any { try JSONSerialization.jsonObject(with: Data(page.text.utf8)) }

    func token(_ browser: Browser, email: String = "anna@ljusbild.example", password: String = "Ljus-och-bild-2026") async throws -> String {
        let page = try await browser.send("/api/v1/tokens", method: .post, headers: [.contentType: "application/json"],
                                          body: ByteBuffer(string: #"{"email":"\#(email)","password":"\#(password)"}"#))
        #expect(page.status == .created, "\(page.text)")
        return try #require((try Self.json(page) as? [String: Any])?["token"] as? String)
    }

    @Test("R-HOST-1: /openapi.json is OpenAPI 3.1 and every path it lists is routed (no 404 for any documented operation)")
    func document() async throws {
        try await PortalFixture().run { browser in
            let page = try await browser.get("/openapi.json")
            #expect(page.status == .ok)
            let document = try #require(try Self.json(page) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            #expect(paths.count == 7)
            for (path, operations) in paths {
                for method in operations.keys {
                    let answer = try await browser.send(path, method: method == "post" ? .post : .get,
                                                        headers: [.contentType: "application/json"], body: ByteBuffer(string: "{}"))
                    #expect(answer.status != .notFound, "\(method) \(path)")
                    #expect(answer.status.code < 500, "\(method) \(path): \(answer.text)")
                }
            }
        }
    }

    @Test("R-HOST-1, R-ID-2: no token or a wrong one is a 401 problem; a wrong password is the library's refusal, in Swedish on request")
    func problems() async throws {
        let fixture = try await PortalFixture()
        _ = try await fixture.approvedAccount()
        try await fixture.run { browser in
            let missing = try await browser.get("/api/v1/levels")
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.contentType] == "application/problem+json")
            let problem = try #require(try Self.json(missing) as? [String: Any])
            #expect(problem["code"] as? String == "api.unauthorized")
            #expect(problem["status"] as? Int == 401)
            let forged = try await browser.get("/api/v1/levels", headers: [.authorization: "Bearer " + String(repeating: "A", count: 43)])
            #expect(forged.status == .unauthorized)
            let wrong = try await browser.send("/api/v1/tokens", method: .post,
                                               headers: [.contentType: "application/json", .acceptLanguage: "sv"],
                                               body: ByteBuffer(string: #"{"email":"anna@ljusbild.example","password":"fel-lösenord-1"}"#))
            #expect(wrong.status == .unauthorized)  // wrong credentials: 401, with the library's code and message
            let refusal = try #require(try Self.json(wrong) as? [String: Any])
            #expect((refusal["code"] as? String)?.isEmpty == false)
            #expect((refusal["detail"] as? String)?.contains("lösenord") == true, "\(refusal)")
            let notJSON = try await browser.send("/api/v1/tokens", method: .post, headers: [.contentType: "application/json"],
                                                 body: ByteBuffer(string: "not json"))
            #expect(notJSON.status == .badRequest)
        }
    }

    @Test("R-HOST-1, R-PRD-1, R-INV-1, R-MEM-1: register twice with one Idempotency-Key → one product; 500 points open Silver; a purchase needs its key and buys once")
    func accountJourney() async throws {
        let fixture = try await PortalFixture()
        _ = try await fixture.approvedAccount()
        try await fixture.run { browser in
            let bearer = try await token(browser)
            let auth: HTTPFields = [.authorization: "Bearer \(bearer)", .contentType: "application/json"]
            let account = try #require(try Self.json(try await browser.get("/api/v1/account", headers: auth)) as? [String: Any])
            #expect(account["companyName"] as? String == "Ljusbild Foto AB")
            #expect(account["points"] as? Int == 0)

            var withKey = auth
            withKey[HTTPField.Name("Idempotency-Key")!] = "product-1"
            let body = #"{"model":"EOS R5","serialNumber":"AB-1234","purchaseDate":"2025-06","countryOfPurchase":"SE","dealer":"Foto Stockholm"}"#
            let first = try await browser.send("/api/v1/products", method: .post, headers: withKey, body: ByteBuffer(string: body))
            let again = try await browser.send("/api/v1/products", method: .post, headers: withKey, body: ByteBuffer(string: body))
            #expect(first.status == .created, "\(first.text)")
            let firstID = (try Self.json(first) as? [String: Any])?["id"] as? String
            let againID = (try Self.json(again) as? [String: Any])?["id"] as? String
            #expect(firstID != nil && firstID == againID)
            let products = try #require(try Self.json(try await browser.get("/api/v1/products", headers: auth)) as? [[String: Any]])
            #expect(products.count == 1)
            #expect(products.first?["points"] as? Int == 300)

            let lens = #"{"model":"RF 24-70mm F2.8 L IS USM","serialNumber":"CD5678","purchaseDate":"2025-06","countryOfPurchase":"SE","dealer":"Foto Stockholm"}"#
            _ = try await browser.send("/api/v1/products", method: .post, headers: auth, body: ByteBuffer(string: lens))
            let levels = try #require(try Self.json(try await browser.get("/api/v1/levels", headers: auth)) as? [String: Any])
            #expect(levels["points"] as? Int == 500)
            let silver = (levels["levels"] as? [[String: Any]])?.first { $0["level"] as? String == "silver" }
            #expect(silver?["open"] as? Bool == true)

            let terms = fixture.environment.context.policy.lifecycle.termsVersion
            let purchase = #"{"level":"silver","paymentMethod":"card","termsVersion":"\#(terms)"}"#
            let noKey = try await browser.send("/api/v1/purchases", method: .post, headers: auth, body: ByteBuffer(string: purchase))
            #expect(noKey.status == .badRequest)
            var purchaseKey = auth
            purchaseKey[HTTPField.Name("Idempotency-Key")!] = "order-1"
            let bought = try await browser.send("/api/v1/purchases", method: .post, headers: purchaseKey, body: ByteBuffer(string: purchase))
            #expect(bought.status == .created, "\(bought.text)")
            let twice = try await browser.send("/api/v1/purchases", method: .post, headers: purchaseKey, body: ByteBuffer(string: purchase))
            #expect(twice.status == .created)
            let number = (try Self.json(bought) as? [String: Any])?["membershipNumber"] as? String
            let numberAgain = (try Self.json(twice) as? [String: Any])?["membershipNumber"] as? String
            #expect(number != nil && number == numberAgain)

            _ = try await fixture.environment.services.invoicing.issueDueInvoices(as: .system("test"))
            let invoices = try #require(try Self.json(try await browser.get("/api/v1/invoices", headers: auth)) as? [[String: Any]])
            #expect(invoices.count == 1)
            #expect(invoices.first?["number"] as? String == "CPS-2026-000001")
        }
        // The token is kept only as its digest, like a session.
        let sessions = try await fixture.environment.store.fetchAll(PortalSession.self)
        #expect(sessions.count == 1)
    }
}
