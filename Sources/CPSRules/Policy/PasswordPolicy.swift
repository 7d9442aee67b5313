/// Password, password-token, hashing and sign-in rules (R-PWD-1, R-PWD-2, R-ID-1, R-ID-2).
public struct PasswordPolicy: Hashable, Codable, Sendable {
    /// How long a password-set link stays valid, in hours. Default 72.
    public var tokenLifetimeHours: Int
    /// Random bytes per token; at least 16 (128 bits). Default 32.
    public var tokenBytes: Int
    /// The shortest password accepted. Default 10.
    public var minimumLength: Int
    /// The longest password accepted, in characters after NFC normalisation. Default 128.
    public var maximumLength: Int
    /// Refuse a password that contains the user's e-mail address or its local part. Default true.
    public var forbidEmail: Bool
    /// Require at least one letter and one digit. Default true.
    public var requireLetterAndDigit: Bool
    /// PBKDF2-HMAC-SHA256 iterations for a new or rehashed password (R-ID-1). Default 600,000
    /// (OWASP's figure for this hash); at least 1; below 100,000 the policy validates with a warning
    /// (the low-cost policy of tests, `CPSKitTesting`'s `PasswordPolicy.lowCost`).
    public var hashIterations: Int
    /// How long a `password set` holds a link while the identity adapter is called, in seconds
    /// (R-PWD-1, claim → call → record): another use of the link meanwhile is refused, and after a
    /// crash the link works again once the hold has passed. Default 120.
    public var claimHoldSeconds: Int
    /// Sign-in throttling (R-ID-2).
    public var throttle: SignInThrottlePolicy

    /// The production default of ``hashIterations``.
    public static let defaultHashIterations = 600_000
    /// Below this many iterations the policy validates with a warning (R-ID-1).
    public static let warningHashIterations = 100_000

    /// Creates a policy.
    public init(tokenLifetimeHours: Int = 72, tokenBytes: Int = 32, minimumLength: Int = 10, maximumLength: Int = 128,
                forbidEmail: Bool = true, requireLetterAndDigit: Bool = true,
                hashIterations: Int = PasswordPolicy.defaultHashIterations, claimHoldSeconds: Int = 120,
                throttle: SignInThrottlePolicy = SignInThrottlePolicy()) {
        self.tokenLifetimeHours = tokenLifetimeHours
        self.tokenBytes = tokenBytes
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.forbidEmail = forbidEmail
        self.requireLetterAndDigit = requireLetterAndDigit
        self.hashIterations = hashIterations
        self.claimHoldSeconds = claimHoldSeconds
        self.throttle = throttle
    }

    private enum CodingKeys: String, CodingKey {
        case tokenLifetimeHours, tokenBytes, minimumLength, maximumLength, forbidEmail, requireLetterAndDigit
        case hashIterations, claimHoldSeconds, throttle
    }

    /// Decodes a policy. Every field is required except those added by issue 16 (`hashIterations`,
    /// `claimHoldSeconds`, `throttle`), which take their defaults when left out, so a file written
    /// before keeps loading.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = PasswordPolicy()
        tokenLifetimeHours = try c.decode(Int.self, forKey: .tokenLifetimeHours)
        tokenBytes = try c.decode(Int.self, forKey: .tokenBytes)
        minimumLength = try c.decode(Int.self, forKey: .minimumLength)
        maximumLength = try c.decode(Int.self, forKey: .maximumLength)
        forbidEmail = try c.decode(Bool.self, forKey: .forbidEmail)
        requireLetterAndDigit = try c.decode(Bool.self, forKey: .requireLetterAndDigit)
        hashIterations = try c.decodeIfPresent(Int.self, forKey: .hashIterations) ?? d.hashIterations
        claimHoldSeconds = try c.decodeIfPresent(Int.self, forKey: .claimHoldSeconds) ?? d.claimHoldSeconds
        throttle = try c.decodeIfPresent(SignInThrottlePolicy.self, forKey: .throttle) ?? d.throttle
    }
}
