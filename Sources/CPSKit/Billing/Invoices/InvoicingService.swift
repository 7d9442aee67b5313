import Foundation

/// Issues the invoices of purchased memberships and lets an account read them (R-BIL-2, R-BIL-5).
///
/// ``issueDueInvoices(as:)`` is a job (``CPSJob``, R-UOW-2): run it every few minutes (at least
/// several times within the policy's ``BillingPolicy/invoiceIssueWindowHours``). Each invoice is one
/// unit of work — the invoice, its series counter (with its version), the purchase and membership
/// marked invoiced, the audit entry and the invoice e-mail — so two jobs running at once issue
/// consecutive numbers with no gap and no duplicate, and never invoice a purchase twice: the purchase
/// and the counter are the versioned records the decision rests on.
public struct InvoicingService: Sendable {
    let context: CPSContext
    private var support: BillingSupport { BillingSupport(context: context) }

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// The issue-invoices job (R-BIL-2, R-BIL-5): invoices every purchase not yet invoiced, issued now
    /// (the issue date is the job's run), due the issue day + 30 days in the policy's time zone, open,
    /// with an RF reference, VAT per R-BIL-5, and the invoice e-mail to the superuser. Only a
    /// ``Principal/system(_:)`` runs it.
    @discardableResult
    public func issueDueInvoices(as principal: Principal) async throws -> InvoiceIssueReport {
        try await context.read("invoicing.run", as: principal) { unit in try await unit.authorize(.system) }
        var report = InvoiceIssueReport()
        report.hasMore = try await JobPager(context: context).visit(MembershipPurchase.self,
                                                                    indexKey: MembershipPurchase.pendingIndex) { purchase in
            guard let invoice = try await issue(purchase.record.id, as: principal) else {
                report.alreadyInvoiced.append(purchase.record.id)
                return false
            }
            report.issued.append(invoice)
            if invoice.issuedAt > purchase.record.issueBy { report.late.append(invoice.id) }
            return true
        }
        context.events.emit(.jobRun(job: name, processed: report.processed, hasMore: report.hasMore))
        return report
    }

    /// The account's invoices, oldest first: number, amounts, due day, how to pay, status; overdue is
    /// ``Invoice/isOverdue(at:)`` (R-BIL-2, R-GUIDE-1). Any active user of the account.
    public func invoices(of accountID: BusinessAccount.ID, as principal: Principal) async throws -> [Invoice] {
        try await context.read("invoicing.list", as: principal) { unit in
            try await unit.authorize(.userOf(accountID: accountID))
            return try await context.store.fetchAll(Invoice.self, indexKey: Invoice.byAccount(accountID)).map(\.record)
        }
    }

    /// The account's invoices still awaiting payment, the earliest due first (R-BIL-2, R-GUIDE-1:
    /// "pay by 12 January").
    public func unpaidInvoices(of accountID: BusinessAccount.ID, as principal: Principal) async throws -> [Invoice] {
        try await invoices(of: accountID, as: principal).filter { $0.status.awaitsPayment }
            .sorted { ($0.due.dueDay, $0.number) < ($1.due.dueDay, $1.number) }
    }

    /// How to pay `invoice` in `language` (R-BIL-1, R-BIL-3, R-BIL-4): card — charged on the due date;
    /// bank transfer — pay by the due date with the RF reference, local fees may apply.
    public func howToPay(_ invoice: Invoice, in language: Language) -> String {
        let facts = support.invoiceFacts(invoice, language: language)
        return context.catalog.render(TextKey("billingService.howToPay.\(invoice.paymentMethod.rawValue)"), facts,
                                      in: language)
    }

    // MARK: - Internals

    /// Issues the invoice of one purchase in one unit of work, or `nil` when it is already invoiced.
    private func issue(_ purchaseID: MembershipPurchase.ID, as principal: Principal) async throws -> Invoice? {
        do {
            return try await context.transact("invoicing.issue", as: principal) { unit in
                try await issue(purchaseID, in: unit)
            }
        } catch let error as StorageError where error.reason == .uniqueKeyTaken && error.subject == Invoice.purchaseKey(purchaseID) {
            return nil // another run invoiced it between our read and our commit
        }
    }

    private func issue(_ purchaseID: MembershipPurchase.ID, in unit: UnitOfWork) async throws -> Invoice? {
        guard var purchase = try await unit.fetch(MembershipPurchase.self, id: purchaseID),
              purchase.record.invoiceID == nil else { return nil }
        let now = unit.now
        let billing = support.billing
        let record = purchase.record
        guard let account = try await unit.fetch(BusinessAccount.self, id: record.accountID)?.record,
              var membership = try await unit.fetch(Membership.self, id: record.membershipID) else {
            throw StorageError(.corrupt, kind: MembershipPurchase.kind, subject: purchaseID.rawValue,
                               detail: "the purchase's account or membership is missing")
        }
        let invoice = try await makeInvoice(for: record, account: account, due: billing.dueDate(issuedAt: now), in: unit)
        purchase.record.invoiceID = invoice.id
        try unit.update(purchase)
        membership.record.invoiceID = invoice.id
        try unit.update(membership)
        return invoice
    }

    /// Issues the invoice of `record` (a purchase or a renewal) due as `due`, in `unit` (R-BIL-2, R-BIL-5,
    /// R-LIFE-1): VAT, the next number of the series with its counter, the RF reference, the invoice
    /// record, the audit entry and the invoice e-mail. The caller marks the purchase and membership.
    func makeInvoice(for record: MembershipPurchase, account: BusinessAccount, due: InvoiceDueDate,
                     in unit: UnitOfWork) async throws -> Invoice {
        let now = unit.now
        let billing = support.billing
        let purchaseID = record.id
        // R-BIL-5: VAT from the customer's country, number and registry look-up.
        let lookup = account.vatLookup.flatMap { $0.number == account.vatStatus.number ? $0 : nil }
        let verdict = Self.verdict(of: lookup)
        let assessment = try InvoiceTaxation(policy: billing).assess(
            customerCountry: account.address.country, customerVATNumber: account.vatStatus.number, registryVerdict: verdict)
        // The line is written in the language of the (first) superuser, who receives the invoice.
        let superusers = try await unit.activeSuperusers(of: account.id)
        let language = superusers.first?.language ?? .english
        let line = InvoiceLine(description: lineText(record, in: language), unitPrice: record.term.fee)
        let amounts = try InvoiceAmounts(lines: [line], currency: billing.currency, assessment: assessment)
        // R-BIL-2: the next number of the series of the issue year, counter updated in this unit.
        let series = billing.invoiceNumberFormat.seriesKey(year: due.issueDay.year)
        let counter = try await unit.fetch(InvoiceSeriesCounter.self, id: series)
        let sequence = (counter?.record.lastSequence ?? 0) + 1
        let number = try billing.invoiceNumberFormat.number(year: due.issueDay.year, sequence: sequence)
        let reference = try RFCreditorReference(base: number)
        var invoice = Invoice(id: context.ids.next("invoice"), number: number, series: series, accountID: account.id,
                              purchaseID: purchaseID, membershipID: record.membershipID, customerName: account.companyName,
                              customerAddress: account.address, seller: billing.seller, amounts: amounts,
                              vatLookup: lookup, creditorReference: reference, paymentMethod: record.paymentMethod,
                              issuedAt: now, due: due)
        var next = counter?.record ?? InvoiceSeriesCounter(series: series, year: due.issueDay.year)
        next.lastSequence = sequence
        try unit.save(next, over: counter)
        try await applyAccountCredit(to: &invoice, in: unit)
        try unit.insert(invoice)
        try unit.audit(invoice.id, "invoice.issued", details: [
            "number": number, "purchase": purchaseID.rawValue, "total": invoice.total.description,
            "dueDay": due.dueDay.description, "vat": assessment.treatment.rawValue,
        ])
        if invoice.status == .paid {
            try unit.audit(invoice.id, "invoice.paid", details: ["method": "accountCredit"])
        }
        let template = record.paymentMethod == .card ? "invoiceIssuedCard" : "invoiceIssuedBankTransfer"
        try await unit.mailInvoice(template, invoice, to: superusers, attachingDocument: true)
        return invoice
    }

    /// Applies the account's credit to `invoice` before it is written (R-LIFE-5): the account's one
    /// ``AccountCredit`` record is read with its version and decremented or removed **in the same
    /// batch**, so two invoices issued at once never spend the same credit (the
    /// second commit conflicts and is retried over what is left). The amount applied is the invoice's
    /// ``Invoice/prepaidAmount`` — not a negative line; credit ≥ total marks the invoice `paid` at
    /// issue, without a charge.
    private func applyAccountCredit(to invoice: inout Invoice, in unit: UnitOfWork) async throws {
        let currency = invoice.total.currency
        let applied = try await unit.spendAccountCredit(upTo: invoice.total, of: invoice.accountID).amount
        guard applied > 0 else { return }
        invoice.prepaidAmount = Money(applied, currency)
        try unit.audit(invoice.id, "accountCredit.applied", details: ["amount": Money(applied, currency).description])
        if invoice.amountDue.isZero {
            invoice.status = try invoice.status.transition(to: .paid)
            invoice.paidAt = unit.now
        }
    }

    /// The registry's verdict for R-BIL-5 from the look-up kept with the account (R-VAT-2).
    static func verdict(of lookup: VATLookupRecord?) -> InvoiceTaxation.RegistryVerdict {
        guard let lookup else { return .notChecked }
        switch lookup.outcome {
        case .valid: return .valid
        case .invalid: return .invalid
        case .unavailable: return .unavailable
        }
    }

    private func lineText(_ purchase: MembershipPurchase, in language: Language) -> String {
        let catalog = context.catalog
        return catalog.render("billing.invoiceLine", [
            "level": purchase.term.level.name, "years": String(purchase.years),
            "kind": catalog.render(TextKey("billing.termKind.\(purchase.term.kind.rawValue)"), in: language),
        ], in: language)
    }
}

// MARK: - CPSJob

extension InvoicingService: CPSJob {
    /// `invoicing`.
    public var name: String { "invoicing" }

    /// ``issueDueInvoices(as:)`` (R-UOW-2).
    public func runOnce(as principal: Principal) async throws -> InvoiceIssueReport {
        try await issueDueInvoices(as: principal)
    }

    /// Now when a purchase awaits its invoice (invoices are issued at the first run after a purchase),
    /// else `nil` (R-BIL-2).
    public func nextDue(after instant: Date) async throws -> Date? {
        let page = try await context.store.records(MembershipPurchase.pendingIndex,
                                                   after: nil, limit: 1)
        return page.records.isEmpty ? nil : instant
    }
}
