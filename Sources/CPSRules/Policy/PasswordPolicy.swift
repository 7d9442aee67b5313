/// Password and password-token rules (R-PWD-1, R-PWD-2).
public struct PasswordPolicy: Hashable, Codable, Sendable {
    /// How long a password-set link stays valid, in hours. Default 72.
    public var tokenLifetimeHours: Int
    /// Random bytes per token; at least 16 (128 bits). Default 32.
    public var tokenBytes: Int
    /// The shortest password accepted. Default 10.
    public var minimumLength: Int
    /// The longest password accepted. Default 128.
    public var maximumLength: Int
    /// Refuse a password that contains the user's e-mail address or its local part. Default true.
    public var forbidEmail: Bool
    /// Require at least one letter and one digit. Default true.
    public var requireLetterAndDigit: Bool

    /// Creates a policy.
    public init(tokenLifetimeHours: Int = 72, tokenBytes: Int = 32, minimumLength: Int = 10, maximumLength: Int = 128,
                forbidEmail: Bool = true, requireLetterAndDigit: Bool = true) {
        self.tokenLifetimeHours = tokenLifetimeHours
        self.tokenBytes = tokenBytes
        self.minimumLength = minimumLength
        self.maximumLength = maximumLength
        self.forbidEmail = forbidEmail
        self.requireLetterAndDigit = requireLetterAndDigit
    }
}
