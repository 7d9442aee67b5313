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
        if entries.contains(where: { $0.points < 0 }) {
            try await noticeLevelShortfall(balance, accountID: accountID)
        }
    }

    /// When points fell and the level of the account's term running now is no longer open from the new
    /// balance (R-LIFE-4): the level is kept to the term's end, and the superusers get the notice
    /// `levelShortfall` (what is missing, the expiry date) once per term — `levelShortfallNoticeSentAt`
    /// is written on the membership in the same batch, and the balance's version guards the decision.
    private func noticeLevelShortfall(_ balance: PointsBalance, accountID: BusinessAccount.ID) async throws {
        let memberships = try await unit.fetchAll(Membership.self, indexKey: Membership.byAccount(accountID))
        guard let found = MembershipService.current(in: memberships.map(\.record), at: unit.now),
              found.term.isActive(at: unit.now), found.status != .ended, found.levelShortfallNoticeSentAt == nil,
              var current = memberships.first(where: { $0.record.id == found.id }) else { return }
        let eligibility = LevelEligibility(points: balance.points, completeRegistrations: balance.completeRegistrations,
                                           policy: unit.policy.levels)
        guard let availability = eligibility.availability(of: found.level), !availability.isOpen else { return }
        let catalog = unit.context.catalog
        let days = DayFormatter(catalog: catalog)
        let expiry = found.term.expiryDay(in: unit.policy.timeZone)
        let company = try await unit.fetch(BusinessAccount.self, id: accountID)?.record.companyName ?? ""
        let mails = try await unit.mailAccount(accountID, "levelShortfall") { user in
            let language = user.language
            return [
                "company": company, "level": catalog.render(found.level.textKey, in: language),
                "membershipNumber": found.number.printed, "expiryDate": days.long(expiry, in: language),
                "missing": MembershipError(.levelNotOpen, level: found.level, shortfalls: availability.shortfalls)
                    .message(in: language, catalog: catalog),
            ]
        }
        current.record.levelShortfallNoticeSentAt = unit.now
        try unit.update(current)
        try unit.audit(current.record.id, "membership.levelShortfallNotice", details: [
            "level": found.level.rawValue, "points": String(balance.points), "mails": String(mails.count),
        ])
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
