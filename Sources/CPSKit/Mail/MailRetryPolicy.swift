import Foundation

/// When the ``MailDispatcher`` tries a mail again after a temporary failure (R-ADP-2).
///
/// **A temporary failure never loses a mail.** There is deliberately no "maximum attempts": a mail
/// that keeps failing temporarily (the SMTP relay is down for a weekend) stays `pending` and is tried
/// again forever, with exponential backoff capped at ``maximumDelay``. A mail becomes `failed` only
/// when the transport says a retry cannot succeed (``MailTransportError/permanent``); operators find
/// those with the index key `outbox:failed`, and a stuck pending mail by its ``OutboxMail/attempts``
/// and ``OutboxMail/lastError``.
///
/// The delay after the *n*-th failed attempt is `initialDelay × multiplier^(n−1)`, at most
/// `maximumDelay`. There is no random jitter, so tests with a `TestClock` can name exact instants.
///
/// ```swift
/// let policy = MailRetryPolicy.standard   // 1 min, 2 min, 4 min, … capped at 1 h; lease 5 min
/// ```
public struct MailRetryPolicy: Codable, Sendable, Hashable {
    /// The delay after the first failed attempt, in seconds.
    public var initialDelay: TimeInterval
    /// The factor each further failure multiplies the delay by (at least 1).
    public var multiplier: Double
    /// The longest delay between two attempts, in seconds.
    public var maximumDelay: TimeInterval
    /// How long a dispatcher holds a mail it is sending before another dispatcher may take it over
    /// (seconds). A dispatcher that crashes mid-send delays the mail by this long; a send slower than
    /// this may be repeated by another dispatcher (harmless with a Message-ID honouring transport).
    public var claimDuration: TimeInterval

    /// Creates a policy (R-ADP-2). Out-of-range values are corrected when used: negative delays count
    /// as 0 and a multiplier below 1 as 1.
    public init(initialDelay: TimeInterval = 60, multiplier: Double = 2, maximumDelay: TimeInterval = 3_600,
                claimDuration: TimeInterval = 300) {
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maximumDelay = maximumDelay
        self.claimDuration = claimDuration
    }

    /// One minute, doubling, capped at one hour; a five-minute claim (R-ADP-2).
    public static let standard = MailRetryPolicy()

    /// The delay before the next attempt after `failedAttempts` attempts failed (R-ADP-2): 0 for none,
    /// else `initialDelay × multiplier^(failedAttempts−1)` capped at ``maximumDelay``.
    public func delay(afterFailedAttempts failedAttempts: Int) -> TimeInterval {
        guard failedAttempts > 0 else { return 0 }
        let initial = Self.clean(initialDelay)
        let cap = max(Self.clean(maximumDelay), initial)
        let factor = multiplier.isFinite ? max(multiplier, 1) : 1
        let raw = initial * pow(factor, Double(min(failedAttempts - 1, 1_000)))
        return raw.isFinite ? min(raw, cap) : cap
    }

    // MARK: - Codable

    private enum CodingKeys: String, CodingKey {
        case initialDelay, multiplier, maximumDelay, claimDuration
    }

    /// Decodes a policy; a missing field takes its ``standard`` value, so a configuration file need
    /// only name what it changes (R-ADP-2).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let standard = MailRetryPolicy()
        initialDelay = try container.decodeIfPresent(TimeInterval.self, forKey: .initialDelay) ?? standard.initialDelay
        multiplier = try container.decodeIfPresent(Double.self, forKey: .multiplier) ?? standard.multiplier
        maximumDelay = try container.decodeIfPresent(TimeInterval.self, forKey: .maximumDelay) ?? standard.maximumDelay
        claimDuration = try container.decodeIfPresent(TimeInterval.self, forKey: .claimDuration) ?? standard.claimDuration
    }

    /// How long a claim lasts, never negative (R-ADP-2).
    var effectiveClaimDuration: TimeInterval { Self.clean(claimDuration) }

    private static func clean(_ seconds: TimeInterval) -> TimeInterval {
        seconds.isFinite ? max(seconds, 0) : 0
    }
}
