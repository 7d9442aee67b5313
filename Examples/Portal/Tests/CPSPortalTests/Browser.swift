import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A minimal browser over the test client: it keeps cookies, reads the CSRF token of the last page,
/// and posts forms (URL-encoded or multipart).
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    private(set) var cookies: [String: String] = [:]
    private(set) var lastPage = ""
    /// The `Accept-Language` sent with every request, as a browser does.
    let acceptLanguage: String?

    init(client: any TestClientProtocol, acceptLanguage: String? = nil) {
        self.client = client
        self.acceptLanguage = acceptLanguage
    }

    /// A response: status, headers and body text.
    struct Page {
        let status: HTTPResponse.Status
        let headers: HTTPFields
        let text: String
        var location: String? { headers[.location] }
    }

    @discardableResult
    func get(_ uri: String, headers extra: HTTPFields = [:]) async throws -> Page {
        try await send(uri, method: .get, headers: extra, body: nil)
    }

    /// Posts `fields` URL-encoded; `csrf: true` adds the token of the last page.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf: Bool = true, headers extra: HTTPFields = [:]) async throws -> Page {
        var all = fields
        if csrf, let token = csrfToken { all.append(("csrf", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
        headers.append(contentsOf: extra)
        return try await send(uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a multipart form with one file.
    @discardableResult
    func postMultipart(_ uri: String, _ fields: [(String, String)], file: (field: String, name: String, type: String, bytes: Data),
                       csrf: Bool = true, extraHeaders: HTTPFields = [:]) async throws -> Page {
        let boundary = "cps-test-boundary-7d1f"
        var all = fields
        if csrf, let token = csrfToken { all.append(("csrf", token)) }
        var body = Data()
        for (name, value) in all {
            body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8))
        }
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: \(file.type)\r\n\r\n".utf8))
        body.append(file.bytes)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=\(boundary)"]
        headers.append(contentsOf: extraHeaders)
        return try await send(uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }

    /// The CSRF token in the last page's forms.
    var csrfToken: String? {
        guard let range = lastPage.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(lastPage[range.upperBound...].prefix { $0 != "\"" })
    }

    func send(_ uri: String, method: HTTPRequest.Method, headers extra: HTTPFields, body: ByteBuffer?) async throws -> Page {
        var headers = extra
        if let acceptLanguage, headers[.acceptLanguage] == nil { headers[.acceptLanguage] = acceptLanguage }
        if !cookies.isEmpty, headers[.cookie] == nil {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";", maxSplits: 1)[0]
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = String(parts[0]), value = parts.count > 1 ? String(parts[1]) : ""
            if value.isEmpty || field.value.lowercased().contains("max-age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let text = String(buffer: response.body)
        if response.headers[.contentType]?.hasPrefix("text/html") == true { lastPage = text }
        return Page(status: response.status, headers: response.headers, text: text)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
