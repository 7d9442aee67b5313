import CPSKit
import Foundation
import HTTPTypes
import Hummingbird

/// The portal's routes over one ``PortalEnvironment`` (R-HOST-1, R-HOST-2).
///
/// Every page is rendered from ``HTML`` values (escaped by construction) in the reader's language:
/// the `cps_lang` cookie set by the language switch, else the browser's `Accept-Language`, else
/// English. Every form post carries the CSRF token of the browser's `cps_browser` cookie and is
/// refused (403) without it. Signed-in pages need the `cps_session` cookie of a ``PortalSession``.
public struct Portal: Sendable {
    /// The environment.
    public let environment: PortalEnvironment
    /// The sessions.
    public let sessions: PortalSessions

    /// The portal over `environment`.
    public init(environment: PortalEnvironment) {
        self.environment = environment
        sessions = PortalSessions(context: environment.context)
    }

    var context: CPSContext { environment.context }
    var services: CPSServices { environment.services }

    /// The largest body accepted: the policy's largest evidence file plus 64 KiB of form fields.
    var maximumBodyBytes: Int {
        environment.configuration.maximumBodyBytes ?? (context.policy.evidence.maximumFileBytes + 64 * 1024)
    }

    /// The router with every route and the security headers.
    public func router() -> Router<PortalRequestContext> {
        let router = Router(context: PortalRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.get("/health") { _, _ in Response.text("ok\n", contentType: "text/plain; charset=utf-8") }
        router.get("/style.css") { _, _ in Response.text(Stylesheet.css, contentType: "text/css; charset=utf-8") }
        router.get("/favicon.ico") { _, _ in
            var icon = Response.bytes(Favicon.bytes, contentType: "image/x-icon")
            icon.headers[.cacheControl] = "public, max-age=86400"
            return icon
        }
        router.get("/language") { request, _ in self.switchLanguage(request) }
        router.get("/") { request, _ in try await self.home(request) }
        router.get("/sign-in") { request, _ in try await self.signInPage(request) }
        router.post("/sign-in") { request, context in try await self.signIn(request, context) }
        router.post("/sign-out") { request, _ in try await self.signOut(request) }
        router.get("/levels") { request, _ in try await self.levels(request) }
        router.get("/apply") { request, _ in try await self.applyPage(request) }
        router.post("/apply") { request, _ in try await self.apply(request) }
        router.get("/application") { request, _ in try await self.applicationPage(request) }
        router.get("/set-password") { request, _ in try await self.passwordPage(request) }
        router.post("/set-password") { request, _ in try await self.setPassword(request) }
        addReviewRoutes(to: router)
        addAccountRoutes(to: router)
        addAPIRoutes(to: router)
        if environment.configuration.devMailbox {
            router.get("/dev/mailbox") { request, context in
                let state = try await RequestState(request, self)
                guard context.isLoopback else {
                    return state.page(ErrorPage.render(state.page, state.page.text("portal.error.notFound")), status: .notFound)
                }
                return state.page(DevMailboxPage.render(state.page, mails: DevMailboxPage.read(self.environment.configuration.mailDirectory)))
            }
        }
        return router
    }

    // MARK: - Pages

    func home(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        switch state.session?.subject {
        case .user(_, let account)?:
            let eligibility = try await services.membership.levels(of: account, as: state.principal)
            let steps = try await services.guidance.nextSteps(forAccount: account, as: state.principal, in: state.language)
            return state.page(HomePage.render(state.page, points: eligibility.points, steps: steps))
        case .applicant?:
            return Response.redirect(to: "/application")
        case .reviewer?:
            return state.page(ErrorPage.render(state.page, state.page.text("portal.error.notFound")), status: .notFound)
        case nil:
            return Response.redirect(to: "/sign-in")
        }
    }

    func signInPage(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        return state.page(SignInPage.render(state.page))
    }

    func signIn(_ request: Request, _ requestContext: PortalRequestContext) async throws -> Response {
        let state = try await RequestState(request, self)
        let form = try await state.urlEncodedForm(limit: 16 * 1024)
        guard state.hasValidCSRF(form) else { return state.csrfRefused() }
        let email = form["email"] ?? ""
        do {
            let signedIn = try await services.passwords.signIn(email: email, password: form["password"] ?? "",
                                                               clientKey: clientKey(request, requestContext))
            if let old = state.sessionToken { try await sessions.end(token: old) }
            let (token, _) = try await sessions.create(for: .user(signedIn.user.id, account: signedIn.account.id))
            var response = Response.redirect(to: "/")
            response.setCookie(sessionCookie(token))
            return response
        } catch let failure as any LocalizedFailure {
            return signInRefused(state, failure, email: email)
        }
    }

    func signOut(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        let form = try await state.urlEncodedForm(limit: 16 * 1024)
        guard state.hasValidCSRF(form) else { return state.csrfRefused() }
        if let token = state.sessionToken { try await sessions.end(token: token) }
        var response = Response.redirect(to: "/sign-in")
        response.setCookie(Cookie(name: PortalSessions.cookieName, value: "", maxAge: 0, path: "/",
                                  secure: environment.configuration.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }

    func levels(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .user(_, let account)? = state.session?.subject else { return state.signInNeeded() }
        let eligibility = try await services.membership.levels(of: account, as: state.principal)
        let business = request.uri.queryParameters.get("business") == "on"
        return state.page(LevelsPage.render(state.page, eligibility: eligibility, business: business))
    }

    func applyPage(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        return state.page(ApplyPage.render(state.page))
    }

    func apply(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        let body: MultipartForm
        switch try await state.multipartForm(limit: maximumBodyBytes) {
        case .tooLarge:
            return state.page(ErrorPage.render(state.page, state.page.text("portal.error.tooLarge", ["limit": String(maximumBodyBytes)])),
                              status: .contentTooLarge)
        case .malformed(let detail):
            return state.page(ApplyPage.render(state.page, error: state.page.text("portal.error.badRequest", ["field": detail])),
                              status: .badRequest)
        case .form(let form):
            body = form
        }
        guard state.hasValidCSRF(body.fields) else { return state.csrfRefused() }
        let fields = body.fields
        guard let file = body.files.first(where: { $0.field == "evidence" }) else {
            return state.page(ApplyPage.render(state.page, fields: fields,
                                               error: state.page.text("portal.error.badRequest", ["field": state.page.text("portal.apply.file")])),
                              status: .badRequest)
        }
        let vat = (fields["vatNumber"] ?? "").trimmingCharacters(in: .whitespaces)
        let form = ApplicationForm(companyName: fields["companyName"] ?? "", street: fields["street"] ?? "",
                                   postalCode: fields["postalCode"] ?? "", city: fields["city"] ?? "",
                                   country: (fields["country"] ?? "").uppercased(), vatNumber: vat.isEmpty ? nil : vat,
                                   contactName: fields["contactName"] ?? "", contactEmail: fields["email"] ?? "",
                                   contactLanguage: state.language.code, applicantRole: fields["role"] ?? "",
                                   attestsAuthority: fields["attests"] == "on", oldCPSEmail: fields.nonEmpty("oldCPSEmail"))
        do {
            let applicant = Principal.applicant(try EmailAddress(form.contactEmail))
            let application = try await services.onboarding.createApplication(form, as: applicant)
            _ = try await services.onboarding.addEvidence(to: application.id, kind: EvidenceKind(fields["evidenceKind"] ?? ""),
                                                          fileName: file.fileName, bytes: file.bytes, as: applicant)
            _ = try await services.onboarding.submit(application.id, as: applicant)
            if let old = state.sessionToken { try await sessions.end(token: old) }
            let (token, _) = try await sessions.create(for: .applicant(application.id, email: try EmailAddress(form.contactEmail)))
            var response = Response.redirect(to: "/application")
            response.setCookie(sessionCookie(token))
            return response
        } catch let failure as any LocalizedFailure {
            return state.page(ApplyPage.render(state.page, fields: fields, error: context.message(for: failure, in: state.language)),
                              status: .unprocessableContent)
        }
    }

    func applicationPage(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .applicant(let id, _)? = state.session?.subject else { return state.signInNeeded() }
        let application = try await services.onboarding.application(id, as: state.principal)
        let steps = try await services.guidance.nextSteps(forApplication: id, as: state.principal, in: state.language)
        return state.page(ApplicationPage.render(state.page, application: application, steps: steps))
    }

    func passwordPage(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        let token = request.uri.queryParameters.get("token") ?? ""
        return state.page(PasswordPage.render(state.page, token: token))
    }

    func setPassword(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        let form = try await state.urlEncodedForm(limit: 16 * 1024)
        // No CSRF token here: the form carries the mailed token itself, a secret no other site has.
        let token = form["token"] ?? ""
        do {
            _ = try await services.passwords.setPassword(token: token, newPassword: form["password"] ?? "")
            return state.page(SignInPage.render(state.page, notice: state.page.text("portal.password.done")))
        } catch let failure as any LocalizedFailure {
            return state.page(PasswordPage.render(state.page, token: token, error: context.message(for: failure, in: state.language)),
                              status: .unprocessableContent)
        }
    }

    func switchLanguage(_ request: Request) -> Response {
        let code = request.uri.queryParameters.get("to") ?? ""
        let back = LocalPath.sanitized(request.uri.queryParameters.get("back"))
        var response = Response.redirect(to: back)
        if context.catalog.languages.contains(Language(code)) {
            response.setCookie(Cookie(name: RequestState.languageCookie, value: code, maxAge: 365 * 86_400, path: "/",
                                      secure: environment.configuration.secureCookies, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// With `--dev-mailbox`: a development reviewer with a new random password (printed by the
    /// caller); an existing one gets a new password.
    public func makeDevelopmentReviewer() async throws -> (email: String, password: String) {
        let email = "dev-reviewer@cps-portal.invalid"
        if try await services.reviewers.list(as: .system("portal-dev")).contains(where: { $0.email.address == email }) == false {
            _ = try await services.reviewers.add(name: "Development reviewer", email: email, as: .system("portal-dev"))
        }
        // Always a digit: 16 random base64url characters have none about one time in 15, and the
        // password policy refuses such a password (the start then failed).
        let password = "Dev-" + Base64URL.encode(context.random.bytes(12)) + "-7"
        try await services.reviewers.setPassword(password, forReviewer: email, as: .system("portal-dev"))
        return (email, password)
    }

    /// The client key of sign-in throttling (R-ID-2): the socket peer, or — when the peer is a
    /// trusted proxy — the rightmost `X-Forwarded-For` address that is not one (``ClientAddress``).
    public func clientKey(_ request: Request, _ requestContext: PortalRequestContext) -> String? {
        ClientAddress.clientKey(peer: requestContext.peerAddress, forwardedFor: request.headers[values: Self.forwardedFor],
                                trustedProxies: environment.configuration.trustedProxies)
    }

    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// The sign-in page again after a refusal: 429 with `Retry-After` while the throttle holds the
    /// address or the client (R-ID-2), else 401.
    func signInRefused(_ state: RequestState, _ failure: any LocalizedFailure, email: String, action: String = "/sign-in",
                       heading: String? = nil) -> Response {
        let message = context.message(for: failure, in: state.language)
        guard let throttled = failure as? PasswordError, throttled.reason == .tryAgainLater else {
            return state.page(SignInPage.render(state.page, email: email, error: message, action: action, heading: heading), status: .unauthorized)
        }
        var response = state.page(SignInPage.render(state.page, email: email, error: message, action: action, heading: heading),
                                  status: .tooManyRequests)
        if let retryAt = throttled.retryAt {
            response.headers[.retryAfter] = String(max(1, Int(retryAt.timeIntervalSince(context.time.now()).rounded(.up))))
        }
        return response
    }

    /// The session cookie for `token`: HttpOnly, SameSite=Lax, Secure behind TLS.
    func sessionCookie(_ token: String) -> Cookie {
        Cookie(name: PortalSessions.cookieName, value: token, maxAge: Int(sessions.lifetime), path: "/",
               secure: environment.configuration.secureCookies, httpOnly: true, sameSite: .lax)
    }
}
