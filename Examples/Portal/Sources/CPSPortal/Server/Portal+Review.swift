import CPSKit
import Foundation
import Hummingbird

/// The reviewer back office (R-VAL-1…3, R-DOC-4, R-ID-4): reviewers sign in with their own
/// credentials (``ReviewerService``), see the queue, download evidence, record what it shows and
/// decide. Every route needs a reviewer's session; the library authorises each call again.
extension Portal {
    func addReviewRoutes(to router: Router<PortalRequestContext>) {
        router.get("/review/sign-in") { request, _ in
            let state = try await RequestState(request, self)
            return state.page(SignInPage.render(state.page, action: "/review/sign-in", heading: state.page.text("portal.review.signIn")))
        }
        router.post("/review/sign-in") { request, context in try await self.reviewerSignIn(request, context) }
        router.get("/review") { request, _ in try await self.reviewQueue(request) }
        router.get("/review/applications/:application") { request, context in
            try await self.reviewApplication(request, context.parameters.get("application") ?? "")
        }
        router.get("/review/applications/:application/documents/:document") { request, context in
            try await self.evidenceDownload(request, context.parameters.get("application") ?? "", context.parameters.get("document") ?? "")
        }
        router.post("/review/applications/:application/documents/:document/fields") { request, context in
            try await self.recordFields(request, context.parameters.get("application") ?? "", context.parameters.get("document") ?? "")
        }
        router.post("/review/applications/:application/:decision") { request, context in
            try await self.decide(request, context.parameters.get("application") ?? "", context.parameters.get("decision") ?? "")
        }
    }

    /// The back office's sign-in (R-ID-4), throttled by the library like the users' (R-ID-2) with
    /// the same client key: a lock answers 429 with `Retry-After`.
    func reviewerSignIn(_ request: Request, _ requestContext: PortalRequestContext) async throws -> Response {
        let state = try await RequestState(request, self)
        let form = try await state.urlEncodedForm(limit: 16 * 1024)
        guard state.hasValidCSRF(form) else { return state.csrfRefused() }
        let email = form["email"] ?? ""
        do {
            let principal = try await services.reviewers.signIn(email: email, password: form["password"] ?? "",
                                                                clientKey: clientKey(request, requestContext))
            guard case .reviewer(let id) = principal else { return state.signInNeeded() }
            if let old = state.sessionToken { try await sessions.end(token: old) }
            let (token, _) = try await sessions.create(for: .reviewer(Reviewer.ID(id)))
            var response = Response.redirect(to: "/review")
            response.setCookie(sessionCookie(token))
            return response
        } catch let failure as any LocalizedFailure {
            return signInRefused(state, failure, email: email, action: "/review/sign-in", heading: state.page.text("portal.review.signIn"))
        }
    }

    func reviewQueue(_ request: Request) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .reviewer? = state.session?.subject else { return Response.redirect(to: "/review/sign-in") }
        let items = try await services.review.queue(as: state.principal)
        let page = max(0, request.uri.queryParameters.get("page").flatMap { Int($0) } ?? 0)
        return state.page(ReviewQueuePage.render(state.page, items: items, pageNumber: page))
    }

    func reviewApplication(_ request: Request, _ id: String, notice: String? = nil) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .reviewer? = state.session?.subject else { return Response.redirect(to: "/review/sign-in") }
        do {
            let application = try await services.onboarding.application(BusinessAccountApplication.ID(id), as: state.principal)
            return state.page(ReviewApplicationPage.render(state.page, application: application, notice: notice))
        } catch let failure as any LocalizedFailure {
            return state.page(ErrorPage.render(state.page, context.message(for: failure, in: state.language)), status: .notFound)
        }
    }

    /// The evidence file as a download (R-HOST-2): `Content-Disposition: attachment`, nosniff, and a
    /// sandboxing CSP, so a document never runs in the portal's origin.
    func evidenceDownload(_ request: Request, _ applicationID: String, _ documentID: String) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .reviewer? = state.session?.subject else { return Response.redirect(to: "/review/sign-in") }
        do {
            let application = try await services.onboarding.application(BusinessAccountApplication.ID(applicationID), as: state.principal)
            guard let document = application.documents.first(where: { $0.id.rawValue == documentID }) else {
                return state.page(ErrorPage.render(state.page, state.page.text("portal.error.notFound")), status: .notFound)
            }
            let file = try await services.review.evidenceFile(document.id, of: application.id, as: state.principal)
            var response = Response.bytes([UInt8](file.bytes), contentType: "application/octet-stream")
            response.headers[.contentDisposition] = "attachment; filename=\"\(DownloadName.safe(document.fileName))\""
            response.headers[.cacheControl] = "no-store"
            response.headers[SecurityHeadersMiddleware.documentPolicyHeader] = "sandbox"
            return response
        } catch let failure as any LocalizedFailure {
            return state.page(ErrorPage.render(state.page, context.message(for: failure, in: state.language)), status: .notFound)
        }
    }

    func recordFields(_ request: Request, _ applicationID: String, _ documentID: String) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .reviewer? = state.session?.subject else { return Response.redirect(to: "/review/sign-in") }
        let form = try await state.urlEncodedForm(limit: 16 * 1024)
        guard state.hasValidCSRF(form) else { return state.csrfRefused() }
        let value = { (name: String) -> String? in form.nonEmpty("\(name)-\(documentID)") }
        do {
            _ = try await services.review.recordVisibleFields(VisibleFields(companyName: value("companyName"), vatNumber: value("vatNumber")),
                                                              on: EvidenceDocument.ID(documentID),
                                                              of: BusinessAccountApplication.ID(applicationID), as: state.principal)
            return Response.redirect(to: "/review/applications/\(Self.pathSegment(applicationID))")
        } catch let failure as any LocalizedFailure {
            return try await reviewFailure(state, applicationID, failure)
        }
    }

    func decide(_ request: Request, _ applicationID: String, _ decision: String) async throws -> Response {
        let state = try await RequestState(request, self)
        guard case .reviewer? = state.session?.subject else { return Response.redirect(to: "/review/sign-in") }
        let form = try await state.urlEncodedForm(limit: 16 * 1024)
        guard state.hasValidCSRF(form) else { return state.csrfRefused() }
        let id = BusinessAccountApplication.ID(applicationID)
        do {
            switch decision {
            case "approve": _ = try await services.review.approve(id, as: state.principal)
            case "reject": _ = try await services.review.reject(id, reasons: form["reasons"] ?? "", as: state.principal)
            case "more-information": _ = try await services.review.requestMoreInformation(id, message: form["message"] ?? "", as: state.principal)
            default: return state.page(ErrorPage.render(state.page, state.page.text("portal.error.notFound")), status: .notFound)
            }
            return Response.redirect(to: "/review")
        } catch let failure as any LocalizedFailure {
            return try await reviewFailure(state, applicationID, failure)
        }
    }

    /// The application page again with the library's message, 422.
    func reviewFailure(_ state: RequestState, _ applicationID: String, _ failure: any LocalizedFailure) async throws -> Response {
        let message = context.message(for: failure, in: state.language)
        guard let application = try? await services.onboarding.application(BusinessAccountApplication.ID(applicationID), as: state.principal) else {
            return state.page(ErrorPage.render(state.page, message), status: .notFound)
        }
        return state.page(ReviewApplicationPage.render(state.page, application: application, error: message), status: .unprocessableContent)
    }

    /// `id` for a path: only the characters record IDs use, so a redirect stays on the portal.
    static func pathSegment(_ id: String) -> String {
        String(id.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }.map(Character.init))
    }
}
