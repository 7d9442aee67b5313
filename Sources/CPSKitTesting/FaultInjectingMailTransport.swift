import CPSKit

/// Wraps a ``MailTransport`` and makes it misbehave on cue, recording every attempt: the tool for
/// proving that the dispatcher loses no mail and sends none twice (R-ADP-2).
///
/// ```swift
/// let mailbox = InMemoryMailbox()
/// let transport = FaultInjectingMailTransport(wrapping: mailbox)
/// transport.inject(.temporaryFailure("relay down"), times: 2)      // the next two attempts fail
/// transport.inject(.timeoutAfterDelivery, messageID: "<outbox-3@canon-europe.com>")
/// // … dispatch …
/// #expect(transport.attempts(for: "<outbox-3@canon-europe.com>").count == 2)
/// ```
///
/// Faults are consumed in the order they were injected: each attempt takes the first fault whose
/// Message-ID filter matches (or that has none) and still has uses left; with none, the attempt goes
/// straight to the wrapped transport.
public final class FaultInjectingMailTransport: MailTransport {
    /// A scripted misbehaviour.
    public enum Fault: Sendable, Hashable, CustomStringConvertible {
        /// Throws a temporary error without delivering.
        case temporaryFailure(String)
        /// Throws a permanent error without delivering.
        case permanentFailure(String)
        /// Delivers through the wrapped transport, then throws a temporary "timed out" error, as an
        /// SMTP session that drops after the relay accepted the mail.
        case timeoutAfterDelivery
        /// Delivers through the wrapped transport twice, as a relay that repeats a mail.
        case duplicate

        /// A temporary failure with a standard detail.
        public static let temporary = Fault.temporaryFailure("injected temporary failure")
        /// A permanent failure with a standard detail.
        public static let permanent = Fault.permanentFailure("injected permanent failure")

        /// The fault in words, for test failure messages.
        public var description: String {
            switch self {
            case .temporaryFailure(let detail): "temporary failure (\(detail))"
            case .permanentFailure(let detail): "permanent failure (\(detail))"
            case .timeoutAfterDelivery: "time-out after delivery"
            case .duplicate: "duplicate delivery"
            }
        }
    }

    /// What became of one attempt.
    public enum Outcome: Sendable, Equatable {
        /// The wrapped transport accepted the mail and the caller was told so.
        case delivered
        /// The wrapped transport was called twice and accepted the mail; the caller was told so.
        case deliveredTwice
        /// The wrapped transport accepted the mail, yet the caller got this error.
        case deliveredButFailed(MailTransportError)
        /// The mail was not delivered; the caller got this error (injected or from the wrapped transport).
        case failed(MailTransportError)

        /// Whether the wrapped transport accepted the mail at least once.
        public var reachedTransport: Bool {
            switch self {
            case .delivered, .deliveredTwice, .deliveredButFailed: true
            case .failed: false
            }
        }
    }

    /// One call of ``deliver(_:)``.
    public struct Attempt: Sendable, Equatable {
        /// 1 for the first call on this transport, and so on.
        public let number: Int
        /// The Message-ID of the mail attempted.
        public let messageID: String
        /// The subject of the mail attempted.
        public let subject: String
        /// The fault applied, if any.
        public let fault: Fault?
        /// What happened.
        public let outcome: Outcome
    }

    private struct Rule {
        let fault: Fault
        let messageID: String?
        var remaining: Int?
    }

    private struct State {
        var rules: [Rule] = []
        var attempts: [Attempt] = []
        var started = 0
    }

    private let inner: any MailTransport
    private let state = Locked(State())

    /// Wraps `inner`, with no faults yet (R-ADP-2).
    public init(wrapping inner: any MailTransport) { self.inner = inner }

    /// Applies `fault` to the next `times` attempts (of the mail with `messageID`, when given)
    /// (R-ADP-2). `times: nil` applies it to every such attempt until ``clearFaults()``.
    public func inject(_ fault: Fault, times: Int? = 1, messageID: String? = nil) {
        state.withLock { $0.rules.append(Rule(fault: fault, messageID: messageID, remaining: times.map { max($0, 0) })) }
    }

    /// Removes every fault not yet used (R-ADP-2).
    public func clearFaults() { state.withLock { $0.rules.removeAll() } }

    /// Every attempt so far, in the order they finished (R-ADP-2).
    public var attempts: [Attempt] { state.withLock { $0.attempts } }

    /// The attempts for the mail with `messageID` (R-ADP-2).
    public func attempts(for messageID: String) -> [Attempt] { attempts.filter { $0.messageID == messageID } }

    /// Delivers through the wrapped transport, applying the next matching fault (R-ADP-2).
    public func deliver(_ message: MailMessage) async throws(MailTransportError) {
        let (number, fault) = state.withLock { state -> (Int, Fault?) in
            state.started += 1
            guard let index = state.rules.firstIndex(where: { rule in
                (rule.messageID == nil || rule.messageID == message.messageID) && rule.remaining != 0
            }) else { return (state.started, nil) }
            if let remaining = state.rules[index].remaining { state.rules[index].remaining = remaining - 1 }
            return (state.started, state.rules[index].fault)
        }
        let outcome: Outcome
        do {
            switch fault {
            case .temporaryFailure(let detail)?:
                outcome = .failed(MailTransportError(permanent: false, detail: detail))
            case .permanentFailure(let detail)?:
                outcome = .failed(MailTransportError(permanent: true, detail: detail))
            case .timeoutAfterDelivery?:
                try await inner.deliver(message)
                outcome = .deliveredButFailed(MailTransportError(detail: "timed out after delivery (injected)"))
            case .duplicate?:
                try await inner.deliver(message)
                try await inner.deliver(message)
                outcome = .deliveredTwice
            case nil:
                try await inner.deliver(message)
                outcome = .delivered
            }
        } catch {
            outcome = .failed(error)
        }
        let attempt = Attempt(number: number, messageID: message.messageID, subject: message.subject,
                              fault: fault, outcome: outcome)
        state.withLock { $0.attempts.append(attempt) }
        switch outcome {
        case .failed(let error), .deliveredButFailed(let error): throw error
        case .delivered, .deliveredTwice: return
        }
    }
}
