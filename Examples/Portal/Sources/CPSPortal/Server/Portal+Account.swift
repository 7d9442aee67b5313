import CPSKit
import Foundation
import Hummingbird

/// The account pages beyond the home (R-PRD-1…5, R-MIG-1, R-MEM-1, R-BIL-1): "My products" with its
/// registration form and MIGRATE PRODUCTS, and the purchase. The account is always the session's:
/// no route takes an account ID, so no other account's records can be named in a URL.
extension Portal {
    func addAccountRoutes(to router: Router<PortalRequestContext>) {
        router.get("/products") { request, _ in try await self.productsPage(request) }
        router.post("/products") { request, _ in try await self.registerProduct(request) }
        router.post("/products/migrate") { request, _ in try await self.migrateProducts(request) }
        router.get("/products/:product") { request, context in try await self.productPage(request, context.parameters.get("product") ?? "") }
        router.post("/products/:product") { request, context in try await self.completeProduct(request, context.parameters.get("product") ?? "") }
        router.get("/purchase") { request, _ in try await self.purchasePage(request) }
        router.post("/purchase") { request, _ in try await self.purchase(request) }
        router.get("/invoices") { request, _ in try await self.invoicesPage(request) }
        router.get("/invoices/:invoice/pdf") { request, context in try await self.invoicePDF(request, context.parameters.get("invoice") ?? "") }
    }

    func invoicesPage(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .user(_, let account)? = state.session?.subject else { return state.signInNeeded() }
        let invoices = try await services.invoicing.invoices(of: account, as: state.principal)
        return state.page(InvoicesPage.render(state.page, invoices: invoices))
    }

    /// The invoice's PDF (R-IDOC-1) — of the session's account only: an invoice of another account is
    /// "not found" (the library refuses it), whatever ID the URL names.
    func invoicePDF(_ request: Request, _ invoiceID: String) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .user(_, let account)? = state.session?.subject else { return state.signInNeeded() }
        do {
            let bytes = try await services.invoiceDocuments.pdf(of: Invoice.ID(invoiceID), in: account, language: state.language, as: state.principal)
            var response = Response.bytes(bytes, contentType: "application/pdf")
            response.headers[.contentDisposition] = "attachment; filename=\"\(DownloadName.safe(invoiceID)).pdf\""
            response.headers[.cacheControl] = "no-store"
            return response
        } catch let failure as any LocalizedFailure {
            return state.page(ErrorPage.render(state.page, context.message(for: failure, in: state.language)), status: .notFound)
        }
    }

    func productsPage(_ request: Request, _ state: RequestState? = nil, notice: String? = nil, error: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let state = try await RequestState.reuse(state, request, self)
        guard case .user(_, let account)? = state.session?.subject else { return state.signInNeeded() }
        let products = try await services.products.list(of: account, as: state.principal)
        let migration = try await services.migration.availability(of: account, as: state.principal)
        return state.page(ProductsPage.render(state.page, products: products, migration: migration, notice: notice, error: error), status: status)
    }

    func registerProduct(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .user(_, let account)? = state.session?.subject else { return state.signInNeeded() }
        let form = try await state.urlEncodedForm(limit: 16 * 1024)
        guard state.hasValidCSRF(form) else { return state.csrfRefused() }
        let optional = { (name: String) -> String? in form.nonEmpty(name) }
        do {
            _ = try await services.products.register(ProductForm(model: form["model"] ?? "", serialNumber: optional("serialNumber"),
                                                                 purchaseDate: optional("purchaseDate"),
                                                                 countryOfPurchase: optional("countryOfPurchase")?.uppercased(),
                                                                 dealer: optional("dealer")),
                                                     on: account, as: state.principal)
            return try await productsPage(request, state, notice: state.page.text("portal.products.registered"))
        } catch let failure as any LocalizedFailure {
            return try await productsPage(request, state, error: context.message(for: failure, in: state.language), status: .unprocessableContent)
        }
    }

    /// "View product" (R-PRD-3) — a registration of the session's account only: another account's
    /// product is "not found" (the library refuses it), whatever ID the URL names.
    func productPage(_ request: Request, _ productID: String, _ state: RequestState? = nil, notice: String? = nil,
                     error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let state = try await RequestState.reuse(state, request, self)
        guard case .user(_, let account)? = state.session?.subject else { return state.signInNeeded() }
        do {
            let detail = try await services.products.product(ProductRegistration.ID(productID), of: account, as: state.principal)
            return state.page(ProductPage.render(state.page, detail: detail, notice: notice, error: error), status: status)
        } catch let failure as any LocalizedFailure {
            return state.page(ErrorPage.render(state.page, context.message(for: failure, in: state.language)), status: .notFound)
        }
    }

    /// Fills in or corrects a registration's fields from "View product" (R-PRD-3).
    func completeProduct(_ request: Request, _ productID: String) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .user(_, let account)? = state.session?.subject else { return state.signInNeeded() }
        let form = try await state.urlEncodedForm(limit: 16 * 1024)
        guard state.hasValidCSRF(form) else { return state.csrfRefused() }
        let update = ProductUpdate(serialNumber: form.nonEmpty("serialNumber"), purchaseDate: form.nonEmpty("purchaseDate"),
                                   countryOfPurchase: form.nonEmpty("countryOfPurchase")?.uppercased(), dealer: form.nonEmpty("dealer"))
        do {
            _ = try await services.products.complete(ProductRegistration.ID(productID), on: account, with: update, as: state.principal)
            return try await productPage(request, productID, state, notice: state.page.text("portal.product.saved"))
        } catch let failure as ProductError where failure.reason == .notFound {
            return state.page(ErrorPage.render(state.page, context.message(for: failure, in: state.language)), status: .notFound)
        } catch let failure as any LocalizedFailure {
            return try await productPage(request, productID, state, error: context.message(for: failure, in: state.language),
                                         status: .unprocessableContent)
        }
    }

    func migrateProducts(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .user(_, let account)? = state.session?.subject else { return state.signInNeeded() }
        let form = try await state.urlEncodedForm(limit: 16 * 1024)
        guard state.hasValidCSRF(form) else { return state.csrfRefused() }
        do {
            let report = try await services.migration.migrate(account, as: state.principal)
            return try await productsPage(request, state, notice: state.page.text("portal.products.migrated", ["count": String(report.migratedCount)]))
        } catch let failure as any LocalizedFailure {
            return try await productsPage(request, state, error: context.message(for: failure, in: state.language), status: .unprocessableContent)
        }
    }

    func purchasePage(_ request: Request, _ state: RequestState? = nil, error: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let state = try await RequestState.reuse(state, request, self)
        guard case .user(_, let account)? = state.session?.subject else { return state.signInNeeded() }
        let eligibility = try await services.membership.levels(of: account, as: state.principal)
        return state.page(PurchasePage.render(state.page, eligibility: eligibility, termsVersion: context.policy.lifecycle.termsVersion,
                                              idempotencyKey: Base64URL.encode(context.random.bytes(16)), error: error), status: status)
    }

    func purchase(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .user(_, let account)? = state.session?.subject else { return state.signInNeeded() }
        let form = try await state.urlEncodedForm(limit: 16 * 1024)
        guard state.hasValidCSRF(form) else { return state.csrfRefused() }
        let method = PaymentMethod(rawValue: form["method"] ?? "") ?? .card
        let key = (form["idempotencyKey"] ?? "").isEmpty ? Base64URL.encode(context.random.bytes(16)) : form["idempotencyKey"]!
        do {
            _ = try await services.membership.purchase(PurchaseRequest(accountID: account, level: CPSLevel(rawValue: form["level"] ?? ""),
                                                                       paymentMethod: method, termsVersion: form["terms"]),
                                                       idempotencyKey: "portal:\(key)", as: state.principal)
            return state.page(Layout.page(state.page.text("portal.purchase.heading"), state.page,
                                          Layout.message(state.page.text("portal.purchase.done"), error: false)))
        } catch let failure as any LocalizedFailure {
            return try await purchasePage(request, state, error: context.message(for: failure, in: state.language), status: .unprocessableContent)
        }
    }
}
