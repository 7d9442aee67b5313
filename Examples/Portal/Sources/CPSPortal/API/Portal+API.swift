import CPSKit
import HTTPTypes
import Foundation
import Hummingbird

/// The JSON API under `/api/v1` (R-HOST-1), described by `/openapi.json` (``OpenAPIDocument``).
///
/// - A client gets a bearer token from `POST /api/v1/tokens` with the user's e-mail and password
///   (throttled like the sign-in page, R-ID-2); the store keeps only the token's digest, like a
///   session. No cookie is read on the API, so it needs no CSRF token.
/// - `POST /api/v1/products` and `POST /api/v1/purchases` take an `Idempotency-Key` header (required
///   for purchases): the same key again returns the same result and changes nothing.
/// - Every error is an RFC 9457 problem (`application/problem+json`) with the library's `code` and
///   the message in the `Accept-Language` language.
extension Portal {
    func addAPIRoutes(to router: Router<PortalRequestContext>) {
        router.get("/openapi.json") { _, _ in Response.text(OpenAPIDocument.json, contentType: "application/json") }
        router.post("/api/v1/tokens") { request, context in try await self.api(request) { language in try await self.issueToken(request, context, language) } }
        router.get("/api/v1/account") { request, _ in try await self.api(request) { language in try await self.apiAccount(request, language) } }
        router.get("/api/v1/levels") { request, _ in try await self.api(request) { language in try await self.apiLevels(request, language) } }
        router.get("/api/v1/products") { request, _ in try await self.api(request) { language in try await self.apiProducts(request, language) } }
        router.post("/api/v1/products") { request, _ in try await self.api(request) { language in try await self.apiRegister(request, language) } }
        router.post("/api/v1/purchases") { request, _ in try await self.api(request) { language in try await self.apiPurchase(request, language) } }
        router.get("/api/v1/invoices") { request, _ in try await self.api(request) { language in try await self.apiInvoices(request, language) } }
        router.get("/api/v1/next-steps") { request, _ in try await self.api(request) { language in try await self.apiNextSteps(request, language) } }
        // A method the document does not list answers 405 with the methods it does (RFC 9110 §15.5.6).
        let documented: [(String, [HTTPRequest.Method])] = [
            ("/api/v1/tokens", [.post]), ("/api/v1/account", [.get]), ("/api/v1/levels", [.get]), ("/api/v1/products", [.get, .post]),
            ("/api/v1/purchases", [.post]), ("/api/v1/invoices", [.get]), ("/api/v1/next-steps", [.get]),
        ]
        let methods: [HTTPRequest.Method] = [.get, .post, .put, .patch, .delete, .options, .trace, HTTPRequest.Method("QUERY")!]
        for (path, allowed) in documented {
            for method in methods where !allowed.contains(method) {
                router.on(RouterPath(path), method: method) { _, _ in
                    var response = Self.problem(status: .methodNotAllowed, code: "api.methodNotAllowed",
                                                detail: "Allowed: \(allowed.map(\.rawValue).joined(separator: ", ")).")
                    response.headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
                    return response
                }
            }
        }
    }

    /// A client's mistake that is not a library error: a problem with `status`, `code` and text.
    struct APIProblem: Error {
        let status: HTTPResponse.Status
        let code: String
        let message: String
    }

    /// Runs `body` in the request's language and turns every error into a problem response.
    func api(_ request: Request, _ body: @escaping @Sendable (Language) async throws -> Response) async throws -> Response {
        let language = Language.negotiate(acceptLanguage: request.headers[.acceptLanguage] ?? "", supported: context.catalog.languages) ?? .english
        do {
            return try await body(language)
        } catch let problem as APIProblem {
            return Self.problem(status: problem.status, code: problem.code, detail: problem.message)
        } catch let failure as any LocalizedFailure {
            var response = Self.problem(status: Self.status(of: failure), code: failure.code, detail: context.message(for: failure, in: language))
            if let throttled = failure as? PasswordError, throttled.reason == .tryAgainLater { response.headers[.retryAfter] = "60" }
            return response
        } catch is DecodingError {
            return Self.problem(status: .badRequest, code: "api.invalidBody", detail: Self.invalidBody(language))
        }
    }

    /// The HTTP status of a library error: 401 for wrong credentials, 429 while throttled, 403 for a
    /// principal without the right, 404 for a record that is not there, 409 for a conflict, 422 for
    /// any other refusal, 500 for configuration and 503 for an outside failure.
    static func status(of failure: any LocalizedFailure) -> HTTPResponse.Status {
        if let password = failure as? PasswordError {
            if password.reason == .invalidCredentials { return .unauthorized }
            if password.reason == .tryAgainLater { return .tooManyRequests }
        }
        if failure is AuthorizationError { return .forbidden }
        if failure is ConflictError { return .conflict }
        if failure.code.hasSuffix("NotFound") || failure.code.hasSuffix(".notFound") { return .notFound }
        switch failure.category {
        case .refusal: return .unprocessableContent
        case .configuration: return .internalServerError
        default: return .serviceUnavailable
        }
    }

    static func invalidBody(_ language: Language) -> String {
        language == .swedish ? "Begäran är inte giltig JSON enligt API-beskrivningen." : "The request body is not valid JSON as the API document describes it."
    }

    /// An RFC 9457 problem response.
    static func problem(status: HTTPResponse.Status, code: String, detail: String) -> Response {
        let problem = APIRepresentation.Problem(type: "https://cps.example.invalid/problems/\(code)", title: status.reasonPhrase,
                                                status: status.code, detail: detail, code: code)
        var response = json(problem, status: status)
        response.headers[.contentType] = "application/problem+json"
        return response
    }

    /// `value` as JSON.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        var response = Response.bytes([UInt8](data), contentType: "application/json", status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The JSON body, at most 64 KiB.
    func decodeBody<T: Decodable>(_ type: T.Type, _ request: Request, _ language: Language) async throws -> T {
        guard case .body(let data) = try await BodyReader.read(request, limit: 64 * 1024) else {
            throw APIProblem(status: .contentTooLarge, code: "api.tooLarge", message: Self.invalidBody(language))
        }
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// The session of the `Authorization: Bearer …` header, or 401.
    func bearerSession(_ request: Request, _ language: Language) async throws -> (PortalSession, BusinessAccount.ID) {
        let header = request.headers[.authorization] ?? ""
        let token = header.hasPrefix("Bearer ") ? String(header.dropFirst("Bearer ".count)) : ""
        guard let session = try await sessions.session(forToken: token), let account = session.accountID else {
            throw APIProblem(status: .unauthorized, code: "api.unauthorized",
                             message: language == .swedish ? "Ange en giltig åtkomsttoken (Authorization: Bearer …)."
                                                           : "Give a valid access token (Authorization: Bearer …).")
        }
        return (session, account)
    }

    func issueToken(_ request: Request, _ requestContext: PortalRequestContext, _ language: Language) async throws -> Response {
        let body = try await decodeBody(APIRepresentation.TokenRequest.self, request, language)
        let signedIn = try await services.passwords.signIn(email: body.email, password: body.password, clientKey: clientKey(request, requestContext))
        let (token, session) = try await sessions.create(for: .user(signedIn.user.id, account: signedIn.account.id))
        return Self.json(APIRepresentation.Token(token: token, expiresAt: ISO8601DateFormatter().string(from: session.expiresAt)), status: .created)
    }

    func apiAccount(_ request: Request, _ language: Language) async throws -> Response {
        let (session, account) = try await bearerSession(request, language)
        let eligibility = try await services.membership.levels(of: account, as: session.principal)
        let record = try await services.accounts.account(account, as: session.principal)
        return Self.json(APIRepresentation.Account(id: account.rawValue, companyName: record.companyName,
                                                   country: record.address.country.description, points: eligibility.points))
    }

    func apiLevels(_ request: Request, _ language: Language) async throws -> Response {
        let (session, account) = try await bearerSession(request, language)
        let eligibility = try await services.membership.levels(of: account, as: session.principal)
        let levels = (eligibility.individual + eligibility.business).map { availability in
            APIRepresentation.Level(level: availability.level.rawValue, name: availability.level.name(in: language, catalog: context.catalog),
                                    view: availability.view.rawValue, yearlyFee: availability.yearlyFee.description, open: availability.isOpen,
                                    shortfalls: availability.shortfalls.map { $0.text(in: language, catalog: context.catalog) })
        }
        return Self.json(APIRepresentation.Levels(points: eligibility.points, businessSwitchShown: eligibility.isBusinessSwitchShown, levels: levels))
    }

    func product(_ registration: ProductRegistration, _ language: Language) -> APIRepresentation.Product {
        APIRepresentation.Product(id: registration.id.rawValue, model: registration.model, serialNumber: registration.serial?.description,
                                  complete: registration.isComplete,
                                  missingFields: registration.missingFields.map { $0.name(in: language, catalog: context.catalog) },
                                  points: registration.allocatedPoints ?? 0)
    }

    func apiProducts(_ request: Request, _ language: Language) async throws -> Response {
        let (session, account) = try await bearerSession(request, language)
        let products = try await services.products.list(of: account, as: session.principal)
        return Self.json(products.map { product($0, language) })
    }

    func apiRegister(_ request: Request, _ language: Language) async throws -> Response {
        let (session, account) = try await bearerSession(request, language)
        let body = try await decodeBody(APIRepresentation.ProductRequest.self, request, language)
        let key = request.headers[.idempotencyKey].map { "api:\(session.id.prefix(16)):\($0)" }
        let registration = try await services.products.register(ProductForm(model: body.model, serialNumber: body.serialNumber,
                                                                             purchaseDate: body.purchaseDate,
                                                                             countryOfPurchase: body.countryOfPurchase, dealer: body.dealer),
                                                                 on: account, idempotencyKey: key, as: session.principal)
        return Self.json(product(registration.registration, language), status: .created)
    }

    func apiPurchase(_ request: Request, _ language: Language) async throws -> Response {
        let (session, account) = try await bearerSession(request, language)
        guard let key = request.headers[.idempotencyKey], !key.isEmpty, key.utf8.count <= 200 else {
            throw APIProblem(status: .badRequest, code: "api.idempotencyKeyMissing",
                             message: language == .swedish ? "Ett köp behöver rubriken Idempotency-Key (högst 200 tecken)."
                                                           : "A purchase needs the Idempotency-Key header (at most 200 characters).")
        }
        let body = try await decodeBody(APIRepresentation.PurchaseRequest.self, request, language)
        guard let method = PaymentMethod(rawValue: body.paymentMethod) else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "paymentMethod")) }
        let receipt = try await services.membership.purchase(PurchaseRequest(accountID: account, level: CPSLevel(rawValue: body.level),
                                                                             paymentMethod: method, termsVersion: body.termsVersion),
                                                             idempotencyKey: "api:\(account.rawValue):\(key)", as: session.principal)
        return Self.json(APIRepresentation.Purchase(membershipNumber: receipt.membership.number.description,
                                                    level: receipt.membership.level.rawValue,
                                                    paymentMethod: receipt.membership.paymentMethod.rawValue), status: .created)
    }

    func apiInvoices(_ request: Request, _ language: Language) async throws -> Response {
        let (session, account) = try await bearerSession(request, language)
        let invoices = try await services.invoicing.invoices(of: account, as: session.principal)
        return Self.json(invoices.map { invoice in
            APIRepresentation.Invoice(id: invoice.id.rawValue, number: invoice.number, total: invoice.total.description,
                                      amountDue: invoice.amountDue.description, dueDay: invoice.due.dueDay.description,
                                      status: String(describing: invoice.status), paymentReference: invoice.creditorReference.printed)
        })
    }

    func apiNextSteps(_ request: Request, _ language: Language) async throws -> Response {
        let (session, account) = try await bearerSession(request, language)
        let steps = try await services.guidance.nextSteps(forAccount: account, as: session.principal, in: language)
        return Self.json(steps.map { APIRepresentation.Step(code: $0.code.rawValue, text: $0.text) })
    }
}
