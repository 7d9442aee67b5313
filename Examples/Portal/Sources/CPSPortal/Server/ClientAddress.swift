#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The client key of sign-in throttling (R-ID-2, R-HOST-2): the socket peer's address, unless the
/// peer is a trusted proxy (`--trusted-proxy`): then the rightmost address of `X-Forwarded-For` that
/// is not itself a trusted proxy. A client cannot escape the throttle by sending the header itself:
/// from an untrusted peer the header is ignored, and through a trusted proxy only the addresses the
/// proxies appended (on the right) count, whatever the client put to their left.
public enum ClientAddress {
    /// `text` as one canonical IPv4 or IPv6 address (`::FFFF:7F00:1` → `::ffff:127.0.0.1`,
    /// `[::1]` → `::1`), or `nil` when it is not an address.
    public static func normalized(_ text: String) -> String? {
        var candidate = Substring(text.trimmingCharactersInSpaces)
        if candidate.hasPrefix("["), candidate.hasSuffix("]") { candidate = candidate.dropFirst().dropLast() }
        let string = String(candidate)
        var v4 = in_addr()
        if inet_pton(AF_INET, string, &v4) == 1 { return format(AF_INET, v4, length: Int(INET_ADDRSTRLEN)) }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, string, &v6) == 1 { return format(AF_INET6, v6, length: Int(INET6_ADDRSTRLEN)) }
        return nil
    }

    /// The client key for a request from `peer` carrying the `forwardedFor` header values, with
    /// `trustedProxies` (normalised addresses) configured.
    public static func clientKey(peer: String?, forwardedFor: [String], trustedProxies: Set<String>) -> String? {
        guard let peer else { return nil }
        let peerAddress = normalized(peer) ?? peer
        guard trustedProxies.contains(peerAddress) else { return peerAddress }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { String($0).trimmingCharactersInSpaces }.filter { !$0.isEmpty }
        for hop in hops.reversed() {
            let address = normalized(hop) ?? hop
            if !trustedProxies.contains(address) { return address }
        }
        // Only proxies (or no header): the leftmost hop, else the peer.
        return hops.first.map { normalized($0) ?? $0 } ?? peerAddress
    }

    private static func format<Address>(_ family: Int32, _ address: Address, length: Int) -> String? {
        var buffer = [CChar](repeating: 0, count: length)
        let written = withUnsafeBytes(of: address) { raw in inet_ntop(family, raw.baseAddress, &buffer, socklen_t(length)) }
        guard written != nil else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension String {
    /// Without leading and trailing spaces and tabs.
    var trimmingCharactersInSpaces: String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view = view.dropFirst() }
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
