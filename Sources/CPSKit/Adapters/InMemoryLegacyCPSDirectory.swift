
/// The reference ``LegacyCPSDirectory`` (R-MIG-1): legacy accounts in memory, looked up by e-mail
/// ignoring case. For tests, examples and hosts that import an export of the old CPS.
public final class InMemoryLegacyCPSDirectory: LegacyCPSDirectory {
    private let accounts: Locked<[String: LegacyCPSAccount]>

    /// A directory holding `accounts` (a later account with the same e-mail replaces an earlier one).
    public init(_ accounts: [LegacyCPSAccount] = []) {
        self.accounts = Locked(Dictionary(accounts.map { ($0.email.key, $0) }, uniquingKeysWith: { _, last in last }))
    }

    /// Adds or replaces the account with `account`'s e-mail.
    public func add(_ account: LegacyCPSAccount) {
        accounts.withLock { $0[account.email.key] = account }
    }

    /// The legacy account registered under `email`, compared ignoring case (R-MIG-1).
    public func account(forEmail email: EmailAddress) async throws -> LegacyCPSAccount? {
        accounts.withLock { $0[email.key] }
    }
}
