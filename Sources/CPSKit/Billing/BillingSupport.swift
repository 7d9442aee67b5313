import Foundation

/// What the membership and billing services share (internal): the effective billing policy, mail,
/// audit, the superuser to write to, principal checks and the retry on storage conflicts.
struct BillingSupport: Sendable {
    let context: CPSContext

    /// The billing policy with the CPS policy's time zone: one policy, one time zone (R-BIL-2).
    var billing: BillingPolicy {
        var billing = context.policy.billing
        billing.timeZone = context.policy.timeZone
        return billing
    }

    var composer: MailComposer { MailComposer(policy: context.policy.mail, catalog: context.catalog, ids: context.ids) }

    func today(_ now: Date) -> CalendarDay { CalendarDay(now, in: context.policy.timeZone) }

    func audit(_ subject: String, _ action: String, _ principal: Principal, _ at: Date,
               details: [String: String] = [:]) -> AuditEntry {
        AuditEntry(id: context.ids.next("audit"), subject: subject, action: action, actor: principal, at: at, details: details)
    }

    /// Jobs run as ``Principal/system(_:)`` only (R-ACC-5).
    func requireSystem(_ principal: Principal) throws(AuthorizationError) {
        guard case .system = principal else { throw AuthorizationError(.wrongPrincipal, principal: principal) }
    }

    /// The account's first active superuser, who receives billing mail (R-BIL-2…4).
    func superuser(of accountID: String) async throws -> AccountUser? {
        try await context.store.fetchAll(AccountUser.self, indexKey: "account:\(accountID)")
            .map(\.record).first { $0.role == .superuser && $0.status == .active }
    }

    /// The common facts of every invoice mail, in `language` (R-BIL-2…4).
    func invoiceFacts(_ invoice: Invoice, language: Language) -> [String: String] {
        let notice = billing.bankTransferNotice(for: invoice.customerAddress.country, language: language)
        return [
            "company": invoice.customerName,
            "invoiceNumber": invoice.number,
            "invoiceID": invoice.id,
            "amount": invoice.total.formatted(in: language),
            "amountDue": invoice.amountDue.formatted(in: language),
            "dueDate": DayFormatter(catalog: context.catalog).long(invoice.due.dueDay, in: language),
            "dueDay": invoice.due.dueDay.description,
            "reference": invoice.creditorReference.printed,
            "seller": invoice.seller.legalName,
            "feeNotice": notice.text(in: language, catalog: context.catalog),
        ]
    }

    /// A mail of `template` about `invoice` to the account's superuser, if there is one.
    func invoiceMail(_ template: String, _ invoice: Invoice, at now: Date,
                     extra: (Language) -> [String: String] = { _ in [:] }) async throws -> OutboxMail? {
        guard let user = try await superuser(of: invoice.accountID) else { return nil }
        let facts = invoiceFacts(invoice, language: user.language).merging(extra(user.language)) { _, new in new }
            .merging(["name": user.name]) { _, new in new }
        return composer.compose(template, to: MailAddress(user.email, name: user.name), language: user.language,
                                facts: facts, date: now)
    }

    /// Runs `body` again after a storage conflict (a concurrent writer won), up to `attempts` times.
    func retryingConflicts<T: Sendable>(_ attempts: Int = 64, _ body: () async throws -> T) async throws -> T {
        var attempt = 0
        while true {
            do {
                return try await body()
            } catch let error as StorageError where error.reason == .conflict && attempt + 1 < attempts {
                attempt += 1
                await Task.yield()
            }
        }
    }

    /// Reactivates the suspended membership of a paid invoice into `batch` (R-BIL-3, R-BIL-4).
    func reactivateMembership(of invoice: Invoice, principal: Principal, at now: Date,
                              into batch: inout WriteBatch) async throws {
        guard var membership = try await context.store.fetch(Membership.self, id: invoice.membershipID),
              membership.record.status == .suspended else { return }
        membership.record.status = .active
        try batch.update(membership)
        try batch.insert(audit(membership.record.id, "membership.reactivated", principal, now,
                               details: ["invoice": invoice.number]))
    }
}
