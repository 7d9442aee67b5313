import CPSKit
import Foundation

/// How a portal process runs (R-HOST-1): where it listens, where its data is, and the host's choices
/// the library leaves to it.
public struct PortalConfiguration: Sendable {
    /// The address to listen on (default 127.0.0.1).
    public var host: String
    /// The port (default 8080; 0 picks a free one, for tests).
    public var port: Int
    /// The data directory: the embedded store in `store/` (unless ``postgres`` is set); the maildir
    /// is `<data>-mail` beside it, outside the store, and the token keys `<data>.keys`.
    public var dataDirectory: URL
    /// The PostgreSQL store shared by every portal process on one database (`--postgres`), instead
    /// of the embedded store: sessions, bearer tokens, throttling, the outbox, job claims and
    /// evidence are records, so every instance sees them all. `nil`: the embedded store.
    public var postgres: PortalPostgresURL?
    /// The maildir (`--maildir`), when not `<data>-mail`: instances that share one give the
    /// development mailbox all mail.
    public var maildir: URL?
    /// The days to pay an invoice (`billing.invoiceDueDays`, 0–365), when not the policy's 30: with
    /// 0 a card invoice is due, and charged by the next card-charge job, on its issue day (the
    /// scale-out check uses it). `nil`: the policy's.
    public var invoiceDueDays: Int?
    /// Cookies get `Secure` (set it when the portal is behind TLS).
    public var secureCookies: Bool
    /// The largest request body accepted, in bytes (an evidence upload with its form fields): the
    /// policy's largest evidence file plus 64 KiB of form.
    public var maximumBodyBytes: Int?
    /// PBKDF2 iterations for passwords (`nil`: the policy's 600,000; tests use a low count).
    public var passwordIterations: Int?
    /// The clock (the system clock; tests pass a fixed one).
    public var time: TimeSource
    /// The card payment gateway (default: the library's in-memory gateway, which accepts every
    /// charge: for development only — a production host passes its payment provider's adapter).
    public var paymentGateway: any PaymentGateway
    /// The old CPS accounts for MIGRATE PRODUCTS (default: the JSON array `<data>/legacy-cps.json`
    /// when present, as `cps` reads it; a production host passes its adapter).
    public var legacyDirectory: (any LegacyCPSDirectory)?
    /// Serve `/dev/mailbox` (delivered mail, to loopback clients only) and create a development
    /// reviewer at start. Never in production.
    public var devMailbox: Bool = false
    /// The reverse proxies whose `X-Forwarded-For` is believed (`--trusted-proxy`, normalised IPv4 or
    /// IPv6 addresses): only for a request whose socket peer is one of them is the client key of
    /// sign-in throttling taken from that header (``ClientAddress``); otherwise it is the peer.
    public var trustedProxies: Set<String> = []
    /// The address people reach the portal at, for the links in mail (default
    /// `http://<host>:<port>`; behind a proxy, the public `https://` address).
    public var publicURL: String?

    /// The public address: ``publicURL`` or `http://host:port`.
    public func publicBase(port actualPort: Int? = nil) -> String {
        publicURL ?? "http://\(host):\(actualPort ?? port)"
    }

    /// A configuration with the defaults.
    public init(host: String = "127.0.0.1", port: Int = 8080,
                dataDirectory: URL = URL(fileURLWithPath: "cps-portal-data", isDirectory: true),
                secureCookies: Bool = false, maximumBodyBytes: Int? = nil, passwordIterations: Int? = nil,
                time: TimeSource = .system, publicURL: String? = nil,
                paymentGateway: any PaymentGateway = InMemoryPaymentGateway(), legacyDirectory: (any LegacyCPSDirectory)? = nil) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.secureCookies = secureCookies
        self.maximumBodyBytes = maximumBodyBytes
        self.passwordIterations = passwordIterations
        self.time = time
        self.publicURL = publicURL
        self.paymentGateway = paymentGateway
        self.legacyDirectory = legacyDirectory
    }

    /// The maildir: ``maildir``, else `<data>-mail` beside the data directory.
    public var mailDirectory: URL {
        maildir ?? dataDirectory.deletingLastPathComponent()
            .appendingPathComponent(dataDirectory.lastPathComponent + "-mail", isDirectory: true)
    }

    /// The token-key file beside the data directory (never inside it, R-ID-3).
    public var keyFile: URL {
        dataDirectory.deletingLastPathComponent()
            .appendingPathComponent(dataDirectory.lastPathComponent + ".keys")
    }
}
