import Foundation

/// Writes ledger entries together with the account's ``PointsBalance`` and, when the balance first
/// reaches the invitation threshold, the one invitation e-mail — all into the caller's batch
/// (R-PTS-1, R-INV-1). Internal: ``ProductService`` and ``MigrationService`` use it.
///
/// The balance is read here and written with the version it was read at, so of two batches racing on
/// one account exactly one commits; the loser re-runs its whole read-modify-write
/// (``withConflictRetry(_:_:)``). `invitedAt` is set in the same batch as the mail, so the mail is
/// written exactly once whatever the number of concurrent or repeated events.
struct PointsLedger: Sendable {
    let context: CPSContext

    /// Appends `entries` for `accountID`, the updated balance and, if the threshold is crossed for the
    /// first time, the invitation mail and its audit entry.
    func post(_ entries: [LedgerEntry], accountID: String, actor: Principal, at now: Date,
              into batch: inout WriteBatch) async throws {
        guard !entries.isEmpty else { return }
        let stored = try await context.store.fetch(PointsBalance.self, id: accountID)
        var balance = stored?.record ?? PointsBalance(accountID: accountID)
        for entry in entries {
            try batch.insert(entry)
            balance.points += entry.points
            balance.completeRegistrations += entry.completeRegistrationsDelta
            balance.entryCount += 1
        }
        let threshold = context.policy.products.invitationThreshold
        if balance.points >= threshold, balance.invitedAt == nil,
           let mail = try await invitation(accountID: accountID, points: balance.points, threshold: threshold, at: now) {
            balance.invitedAt = now
            balance.invitationMailID = mail.id
            try batch.insert(mail)
            try batch.insert(AuditEntry(id: context.ids.next("audit"), subject: accountID, action: "points.invited",
                                        actor: actor, at: now, details: ["points": String(balance.points),
                                                                         "mail": mail.id]))
        }
        if var stored {
            stored.record = balance
            try batch.update(stored)
        } else {
            try batch.insert(balance)
        }
    }

    /// The invitation mail to the account's active superusers (all active users if it has none), in
    /// the first recipient's language; `nil` when the account has no active user to write to.
    private func invitation(accountID: String, points: Int, threshold: Int, at now: Date) async throws -> OutboxMail? {
        let users = try await context.store.fetchAll(AccountUser.self, indexKey: "account:\(accountID)")
            .map(\.record).filter { $0.status == .active }
        let superusers = users.filter { $0.role == .superuser }
        let recipients = superusers.isEmpty ? users : superusers
        guard let first = recipients.first else { return nil }
        let company = try await context.store.fetch(BusinessAccount.self, id: accountID)?.record.companyName ?? ""
        let composer = MailComposer(policy: context.policy.mail, catalog: context.catalog, ids: context.ids)
        var mail = composer.compose("invitation", to: MailAddress(first.email, name: first.name), language: first.language,
                                    facts: ["company": company, "points": String(points), "threshold": String(threshold)],
                                    date: now)
        mail.message.to = recipients.map { MailAddress($0.email, name: $0.name) }
        return mail
    }
}

/// Runs `body` — a whole read-modify-write ending in one commit — again after a version conflict, at
/// most `limit` times in all (R-PTS-1, R-INV-1); then throws ``ProductError/Reason/busy``.
func withConflictRetry<T>(_ limit: Int, _ body: () async throws -> T) async throws -> T {
    var attempt = 0
    while true {
        attempt += 1
        do {
            return try await body()
        } catch let error as StorageError where error.reason == .conflict {
            if attempt >= max(1, limit) { throw ProductError(.busy, facts: ["detail": error.detail]) }
            await Task.yield()
        }
    }
}
