import Hummingbird
import HTTPTypes

/// The security headers of every response (R-HOST-2): a content security policy without inline
/// script (no script at all), no framing, no MIME sniffing, no referrer (a password link's token
/// never leaves in a Referer header).
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = PortalRequestContext

    /// A downloaded document's own policy: sandboxed, whatever it contains.
    static let documentPolicyHeader = HTTPField.Name.contentSecurityPolicy

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == "sandbox" {
            response.headers[.contentSecurityPolicy] = "sandbox; " + Self.contentSecurityPolicy
        } else {
            response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        response.headers[.referrerPolicy] = "no-referrer"
        return response
    }
}
