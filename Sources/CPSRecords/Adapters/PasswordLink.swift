import Foundation

/// The single-use password link of a delivered mail (R-VAL-3, R-PWD-1, R-PWD-2): the address the
/// person opens, and the token the password page passes to `PasswordService.setPassword(token:newPassword:)`.
///
/// Read it from the message a ``MailTransport`` received (``MailMessage/passwordLink``), so a host or
/// a test never parses the body:
///
/// ```swift
/// guard let link = mailbox.messages(to: anna).last?.passwordLink else { … }
/// try await cps.passwords.setPassword(token: link.token, newPassword: typed)
/// ```
public struct PasswordLink: Hashable, Sendable {
    /// The whole link, as the mail shows it.
    public let url: URL
    /// The token inside the link (URL-safe text, at least 128 random bits).
    public let token: String

    /// Creates a link.
    public init(url: URL, token: String) {
        self.url = url
        self.token = token
    }

    /// The link in `text` made from `template` (the policy's `passwordLinkTemplate`, with `{token}`),
    /// or, without a template, the value of the `token` query item of `text`. `nil` when `text` is not
    /// such a link or its token is empty.
    public init?(_ text: String, template: String?) {
        guard let url = URL(string: text) else { return nil }
        var token: String?
        if let template, let marker = template.range(of: "{token}") {
            let prefix = template[..<marker.lowerBound], suffix = template[marker.upperBound...]
            if text.count >= prefix.count + suffix.count, text.hasPrefix(prefix), text.hasSuffix(suffix) {
                token = String(text.dropFirst(prefix.count).dropLast(suffix.count))
            }
        } else {
            token = URLComponents(string: text)?.queryItems?.first { $0.name == "token" }?.value
        }
        guard let token, !token.isEmpty else { return nil }
        self.init(url: url, token: token)
    }
}
