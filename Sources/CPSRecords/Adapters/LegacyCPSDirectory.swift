/// The adapter to the old CPS (R-MIG-1, SPEC §1 "Adapters are protocols"): finds a legacy account by
/// the e-mail the applicant gave as "old CPS e-mail".
///
/// Rules every implementation follows:
///
/// 1. **Look-up by e-mail, case-insensitive.** ``account(forEmail:)`` returns the legacy account whose
///    e-mail equals `email` ignoring case (``EmailAddress/key``), or `nil` when there is none. A
///    missing account is `nil`, never an error; errors mean the directory could not be asked.
/// 2. **Complete product lists.** The account carries all its products, with the texts as the old
///    system holds them; CPSKit normalises and checks them (R-PRD-2).
/// 3. **Read-only and repeatable.** Two look-ups of the same e-mail give the same account and the
///    products in the same order, so a migration re-run is idempotent (R-MIG-2).
/// 4. **Sendable.** It is called from concurrent service calls.
///
/// ``InMemoryLegacyCPSDirectory`` is the reference implementation.
public protocol LegacyCPSDirectory: Sendable {
    /// The legacy account registered with `email` (any case), or `nil` when there is none (R-MIG-1).
    func account(forEmail email: EmailAddress) async throws -> LegacyCPSAccount?
}
