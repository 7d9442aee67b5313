import CPSKit
import Foundation
import Hummingbird

/// What the portal reads from one request before handling it: the browser cookie (the CSRF seed),
/// the session, the language, and how to read the body within a limit.
struct RequestState: Sendable {
    /// The cookie of the language switch.
    static let languageCookie = "cps_lang"
    /// The browser's random cookie, the key of its CSRF token before and after sign-in.
    static let browserCookie = "cps_browser"

    let request: Request
    let portal: Portal
    /// The browser token (from the cookie, or new: then ``newBrowserToken`` is set).
    let browserToken: String
    /// A browser token made for this response (the cookie is set on it).
    let newBrowserToken: String?
    /// The session cookie's token, when it names a live session.
    let sessionToken: String?
    /// The live session.
    let session: PortalSession?
    /// The reader's language.
    let language: Language
    /// What the pages get.
    let page: PageContext

    init(_ request: Request, _ portal: Portal) async throws {
        self.request = request
        self.portal = portal
        let cookies = request.cookies
        if let existing = cookies[Self.browserCookie]?.value, PortalSessions.isWellFormed(existing) {
            browserToken = existing
            newBrowserToken = nil
        } else {
            let made = Base64URL.encode(portal.context.random.bytes(32))
            browserToken = made
            newBrowserToken = made
        }
        if let token = cookies[PortalSessions.cookieName]?.value, let live = try await portal.sessions.session(forToken: token) {
            sessionToken = token
            session = live
        } else {
            sessionToken = nil
            session = nil
        }
        let supported = portal.context.catalog.languages
        if let chosen = cookies[Self.languageCookie]?.value, supported.contains(Language(chosen)) {
            language = Language(chosen)
        } else {
            language = Language.negotiate(acceptLanguage: request.headers[.acceptLanguage] ?? "", supported: supported) ?? .english
        }
        page = PageContext(language: language, catalog: portal.context.catalog, session: session,
                           csrfToken: PortalSessions.csrfToken(forSessionToken: browserToken), path: LocalPath.sanitized(request.uri.path))
    }

    /// `state` when given, else the state of `request`.
    static func reuse(_ state: RequestState?, _ request: Request, _ portal: Portal) async throws -> RequestState {
        if let state { return state }
        return try await RequestState(request, portal)
    }

    /// The principal of the session (an anonymous applicant without one: every service refuses it).
    var principal: Principal { session?.principal ?? .system("anonymous") }

    /// Whether `form` carries this browser's CSRF token.
    func hasValidCSRF(_ form: FormFields) -> Bool {
        newBrowserToken == nil && PortalSessions.isValidCSRF(form[PortalSessions.csrfField], forSessionToken: browserToken)
    }

    /// An HTML response with `html`, the browser cookie when new, and no caching of private pages.
    func page(_ html: HTML, status: HTTPResponse.Status = .ok) -> Response {
        var response = Response.text(html.markup, contentType: "text/html; charset=utf-8", status: status)
        response.headers[.cacheControl] = "no-store"
        if let newBrowserToken {
            response.setCookie(Cookie(name: Self.browserCookie, value: newBrowserToken, path: "/",
                                      secure: portal.environment.configuration.secureCookies, httpOnly: true, sameSite: .lax))
        }
        return response
    }

    /// 403: the form had no valid CSRF token.
    func csrfRefused() -> Response {
        page(ErrorPage.render(page, page.text("portal.error.csrf")), status: .forbidden)
    }

    /// To the sign-in page.
    func signInNeeded() -> Response {
        page(SignInPage.render(page, error: page.text("portal.error.signInNeeded")), status: .unauthorized)
    }

    /// The URL-encoded form of the body, at most `limit` bytes (more: an empty form, so the CSRF
    /// check refuses it).
    func urlEncodedForm(limit: Int) async throws -> FormFields {
        guard case .body(let data) = try await BodyReader.read(request, limit: limit) else { return FormFields() }
        return FormFields(urlEncoded: String(decoding: data, as: UTF8.self))
    }

    /// The outcome of reading a multipart body.
    enum Multipart {
        case form(MultipartForm)
        case tooLarge
        case malformed(String)
    }

    /// The multipart form of the body, refused past `limit` bytes (by Content-Length first, then
    /// counted while streaming).
    func multipartForm(limit: Int) async throws -> Multipart {
        guard let boundary = MultipartForm.boundary(ofContentType: request.headers[.contentType] ?? "") else {
            return .malformed("Content-Type")
        }
        switch try await BodyReader.read(request, limit: limit) {
        case .tooLarge: return .tooLarge
        case .body(let data):
            do { return .form(try MultipartForm(body: data, boundary: boundary)) } catch { return .malformed(error.description) }
        }
    }
}
