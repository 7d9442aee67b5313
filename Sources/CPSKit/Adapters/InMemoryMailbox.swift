
/// The reference ``MailTransport``: keeps every delivered mail in memory, and honours the
/// Message-ID, so a mail delivered twice is kept once (R-ADP-2).
///
/// Tests and the walkthrough read it with ``messages`` or ``messages(to:)``, or take the new ones
/// with ``popMessages()``.
public final class InMemoryMailbox: MailTransport {
    private struct State {
        var delivered: [MailMessage] = []
        var seen: Set<String> = []
        /// The positions in `delivered` of the mails to each address (by ``EmailAddress/key``), in
        /// delivery order: ``messages(to:)`` reads only those, not every mail ever delivered.
        var byRecipient: [String: [Int]] = [:]
        var unread = 0
        var deliveryCalls = 0
    }

    private let state = Locked(State())

    /// An empty mailbox.
    public init() {}

    /// Keeps `message`, once per Message-ID (R-ADP-2).
    public func deliver(_ message: MailMessage) async throws(MailTransportError) {
        state.withLock { state in
            state.deliveryCalls += 1
            guard state.seen.insert(message.messageID).inserted else { return }
            let position = state.delivered.count
            state.delivered.append(message)
            for recipient in message.to {
                let key = recipient.email.key
                if state.byRecipient[key]?.last != position { state.byRecipient[key, default: []].append(position) }
            }
        }
    }

    /// Every distinct mail delivered, in delivery order.
    public var messages: [MailMessage] { state.withLock { $0.delivered } }

    /// How many times ``deliver(_:)`` was called, duplicates included.
    public var deliveryCalls: Int { state.withLock { $0.deliveryCalls } }

    /// The mails delivered to `address` (compared ignoring case), in delivery order.
    public func messages(to address: EmailAddress) -> [MailMessage] {
        state.withLock { state in (state.byRecipient[address.key] ?? []).map { state.delivered[$0] } }
    }

    /// The mails delivered since the last call.
    public func popMessages() -> [MailMessage] {
        state.withLock { state in
            let new = Array(state.delivered[state.unread...])
            state.unread = state.delivered.count
            return new
        }
    }
}
