import Foundation

/// What the membership and billing services share (internal): the effective billing policy and the
/// facts of every invoice mail.
struct BillingSupport: Sendable {
    let context: CPSContext

    /// The billing policy with the CPS policy's time zone: one policy, one time zone (R-BIL-2).
    var billing: BillingPolicy {
        var billing = context.policy.billing
        billing.timeZone = context.policy.timeZone
        return billing
    }

    /// The common facts of every invoice mail, in `language` (R-BIL-2…4).
    func invoiceFacts(_ invoice: Invoice, language: Language) -> [String: String] {
        let notice = billing.bankTransferNotice(for: invoice.customerAddress.country, language: language)
        return [
            "company": invoice.customerName,
            "invoiceNumber": invoice.number,
            "invoiceID": invoice.id.rawValue,
            "amount": invoice.total.formatted(in: language),
            "amountDue": invoice.amountDue.formatted(in: language),
            "dueDate": DayFormatter(catalog: context.catalog).long(invoice.due.dueDay, in: language),
            "dueDay": invoice.due.dueDay.description,
            "reference": invoice.creditorReference.printed,
            "seller": invoice.seller.legalName,
            "feeNotice": notice.text(in: language, catalog: context.catalog),
        ]
    }
}

// The billing steps a unit of work shares (R-BIL-2…4, R-UOW-1).
extension UnitOfWork {
    /// Queues `template` about `invoice` to the account's superusers (`recipients` when the caller
    /// read them already), each in their language.
    func mailInvoice(_ template: String, _ invoice: Invoice, to recipients: [AccountUser]? = nil, attachingDocument: Bool = false,
                     extra: @escaping (Language) -> [String: String] = { _ in [:] }) async throws {
        let support = BillingSupport(context: context)
        let superusers: [AccountUser]
        if let recipients { superusers = recipients } else { superusers = try await activeSuperusers(of: invoice.accountID) }
        try mail(template, toEach: superusers, attaching: attachingDocument ? invoice.id : nil) { user in
            support.invoiceFacts(invoice, language: user.language).merging(extra(user.language)) { _, new in new }
                .merging(["name": user.name]) { _, new in new }
        }
    }

    /// Voids the open `invoice` with `reason` (R-BIL-2, R-LIFE-2, R-LIFE-3): the status moves to `void`
    /// (a legal transition only), the number stays on record, and an `invoice.voided` audit entry says why.
    func voidInvoice(_ invoice: Stored<Invoice>, reason: String) throws {
        var invoice = invoice
        invoice.record.status = try invoice.record.status.transition(to: .void)
        invoice.record.voidedAt = now
        invoice.record.voidReason = reason
        try update(invoice)
        try audit(invoice.record.id, "invoice.voided", reason: reason, details: ["number": invoice.record.number])
    }

    /// Reactivates the suspended membership of a paid invoice (R-BIL-3, R-BIL-4).
    func reactivateMembership(of invoice: Invoice) async throws {
        guard var membership = try await fetch(Membership.self, id: invoice.membershipID),
              membership.record.status == .suspended else { return }
        membership.record.status = .active
        try update(membership)
        try audit(membership.record.id, "membership.reactivated", details: ["invoice": invoice.number])
    }
}
