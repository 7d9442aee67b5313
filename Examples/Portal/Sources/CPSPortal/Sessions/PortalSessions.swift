import CPSKit
import Foundation

/// Sessions and CSRF tokens (R-HOST-2) over the host's record store.
///
/// - A session token is 32 random bytes from the context's random source, base64url in the cookie;
///   the store keeps only its SHA-256 digest (``PortalSession``).
/// - The CSRF token of a session is HMAC-SHA256 keyed with the session token over a fixed label: a
///   page can print it without storing it, and only a holder of the cookie can compute it. Every
///   form carries it and every state-changing form post is refused without it.
/// - Sessions end after ``lifetime``; an expired record is deleted when it is next presented.
public struct PortalSessions: Sendable {
    /// The name of the session cookie.
    public static let cookieName = "cps_session"
    /// The name of the CSRF form field.
    public static let csrfField = "csrf"

    /// The context whose store, clock and random source the sessions use.
    public let context: CPSContext
    /// How long a session lasts from sign-in.
    public let lifetime: TimeInterval

    /// Sessions over `context`'s store, lasting `lifetime` (default 12 hours).
    public init(context: CPSContext, lifetime: TimeInterval = 12 * 3600) {
        self.context = context
        self.lifetime = lifetime
    }

    /// A new session for `subject`: its cookie token (give it to the browser) and its record.
    public func create(for subject: PortalSession.Subject) async throws -> (token: String, session: PortalSession) {
        let token = Base64URL.encode(context.random.bytes(32))
        let now = context.time.now()
        let session = PortalSession(id: Self.digest(of: token), subject: subject, createdAt: now,
                                    expiresAt: now.addingTimeInterval(lifetime))
        var batch = WriteBatch(codec: context.store.payloadCodec)
        try batch.insert(session)
        try await context.store.commit(batch)
        return (token, session)
    }

    /// The live session of the cookie token `token`, or `nil` (unknown, malformed or expired; an
    /// expired one is deleted).
    public func session(forToken token: String) async throws -> PortalSession? {
        guard Self.isWellFormed(token), let stored = try await context.store.fetch(PortalSession.self, id: Self.digest(of: token)) else {
            return nil
        }
        guard stored.record.expiresAt > context.time.now() else {
            var batch = WriteBatch(codec: context.store.payloadCodec)
            batch.delete(stored)
            _ = try? await context.store.commit(batch)
            return nil
        }
        return stored.record
    }

    /// Ends the session of `token` (sign-out); nothing when there is none.
    public func end(token: String) async throws {
        guard Self.isWellFormed(token), let stored = try await context.store.fetch(PortalSession.self, id: Self.digest(of: token)) else { return }
        var batch = WriteBatch(codec: context.store.payloadCodec)
        batch.delete(stored)
        do {
            try await context.store.commit(batch)
        } catch {
            // Ended by another request at the same moment: ended either way.
            guard error.reason == .conflict else { throw error }
        }
    }

    /// The CSRF token of the session whose cookie token is `token`.
    public static func csrfToken(forSessionToken token: String) -> String {
        Base64URL.encode(HMACSHA256.authenticationCode(for: Array("cps-portal csrf v1".utf8), key: Array(token.utf8)))
    }

    /// Whether `presented` is the CSRF token of the session `token` (compared in constant time).
    public static func isValidCSRF(_ presented: String?, forSessionToken token: String) -> Bool {
        guard let presented else { return false }
        return ConstantTime.equals(Array(csrfToken(forSessionToken: token).utf8), Array(presented.utf8))
    }

    /// The stored form of a token: its hex SHA-256 digest.
    public static func digest(of token: String) -> String { SHA256.hexDigest(Array(token.utf8)) }

    /// Whether `token` looks like one of ours (43 base64url characters), so junk is not looked up.
    static func isWellFormed(_ token: String) -> Bool {
        token.utf8.count == 43 && token.utf8.allSatisfy { Base64URL.alphabet.contains($0) }
    }
}
