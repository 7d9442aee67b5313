import Hummingbird
import NIOCore

/// The request context of the portal: Hummingbird's core storage plus the socket peer, which is the
/// sign-in throttle's client key (R-ID-2, R-HOST-2).
public struct PortalRequestContext: RequestContext, RemoteAddressRequestContext {
    /// Hummingbird's storage.
    public var coreContext: CoreRequestContextStorage
    /// The connected peer.
    public let remoteAddress: SocketAddress?

    /// A context for a request arriving on `source`'s channel.
    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The peer's IP address (the client key of sign-in throttling unless the peer is a trusted
    /// proxy: ``Portal/clientKey(_:_:)``).
    public var peerAddress: String? { remoteAddress?.ipAddress }

    /// Whether the peer is on this machine (127.0.0.0/8 or ::1).
    public var isLoopback: Bool {
        guard let address = remoteAddress?.ipAddress else { return false }
        return address.hasPrefix("127.") || address == "::1" || address.hasPrefix("::ffff:127.")
    }
}
