import Foundation

/// Writes ledger entries together with the account's ``PointsBalance`` and, when the balance first
/// reaches the invitation threshold, the invitation e-mail — all into the caller's unit of work
/// (R-PTS-1, R-INV-1). Internal: a shared step of ``ProductService`` and ``MigrationService``.
///
/// The balance is the versioned aggregate that guards every decision on points (R-UOW-1): it is read
/// through the unit and written with the version it was read at, so of two units racing on one
/// account exactly one commits and the other runs again from fresh reads. `invitedAt` is set in the
/// same batch as the mail, so the invitation is written exactly once whatever the number of
/// concurrent or repeated events.
struct PointsLedger {
    let unit: UnitOfWork

    /// Appends `entries` for `accountID`, the updated balance and, if the threshold is crossed for the
    /// first time, the invitation mail to the account's superusers and its audit entry.
    func post(_ entries: [LedgerEntry], accountID: BusinessAccount.ID) async throws {
        guard !entries.isEmpty else { return }
        let stored = try await unit.fetch(PointsBalance.self, id: accountID)
        var balance = stored?.record ?? PointsBalance(accountID: accountID)
        for entry in entries {
            try unit.insert(entry)
            balance.points += entry.points
            balance.completeRegistrations += entry.completeRegistrationsDelta
            balance.entryCount += 1
        }
        let threshold = unit.policy.products.invitationThreshold
        if balance.points >= threshold, balance.invitedAt == nil {
            let company = try await unit.fetch(BusinessAccount.self, id: accountID)?.record.companyName ?? ""
            let points = balance.points
            let mails = try await unit.mailAccount(accountID, "invitation") { _ in
                ["company": company, "points": String(points), "threshold": String(threshold)]
            }
            if let first = mails.first {
                balance.invitedAt = unit.now
                balance.invitationMailID = first.id.rawValue
                try unit.audit(accountID, "points.invited",
                               details: ["points": String(balance.points), "mail": mails.map(\.id.rawValue).joined(separator: ",")])
            }
        }
        try unit.save(balance, over: stored)
    }

    /// Allocates `registration`'s points if it is complete and not yet allocated (R-PRD-3): the
    /// catalog's points of this moment (0 for a model not in the catalog), fixed on the registration
    /// and its `allocated` ledger entry.
    func allocateIfComplete(_ registration: inout ProductRegistration, reason: String) -> [LedgerEntry] {
        guard registration.status == .active, registration.isComplete, registration.completedAt == nil else { return [] }
        let catalog = unit.policy.products.catalog
        let points = registration.inCatalog ? catalog.first { $0.modelKey == registration.modelKey }?.points ?? 0 : 0
        registration.completedAt = unit.now
        registration.allocatedPoints = points
        return [LedgerEntry(id: unit.context.ids.next("ledger"), accountID: registration.accountID,
                            registrationID: registration.id, kind: .allocated, points: points,
                            completeRegistrationsDelta: 1, at: unit.now, reason: reason, actor: unit.principal)]
    }
}
