import CPSKit

/// The documented low-cost password hashing of tests, the walkthrough and every debug CI path
/// (R-ID-1): 1,000 PBKDF2 iterations instead of the production 600,000, which take seconds in a
/// debug build. A context made with it validates and reports a
/// ``CPSEvent/policyWarning(field:problem:)`` for `passwords.hashIterations` (below 100,000).
/// Never for production: a release build times the default (`cps-bench`).
extension PasswordPolicy {
    /// 1,000: the iterations of the low-cost policy.
    public static let lowCostIterations = 1_000

    /// The default password policy with ``lowCostIterations``.
    public static var lowCost: PasswordPolicy {
        var policy = PasswordPolicy()
        policy.hashIterations = lowCostIterations
        return policy
    }
}

extension CPSPolicy {
    /// This policy with the low-cost password hashing (``PasswordPolicy/lowCostIterations``).
    public func withLowCostHashing() -> CPSPolicy {
        var policy = self
        policy.passwords.hashIterations = PasswordPolicy.lowCostIterations
        return policy
    }
}
