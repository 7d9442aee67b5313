import CPSKit
import Foundation

extension CommandSpec {
    /// `cps jobs invoices|charges|follow-up|renewals|retention|mail`: the host's scheduled jobs, run
    /// once (R-BIL-2…4, R-LIFE-1, R-LIFE-2, R-GDPR-2, R-ADP-2).
    static let jobs = CommandSpec(
        name: "jobs",
        summary: "run a scheduled job once: invoices, charges, follow-up, renewals, retention, mail",
        help: """
        Usage: cps jobs invoices
               cps jobs charges [--decline REASON]
               cps jobs follow-up
               cps jobs renewals
               cps jobs retention
               cps jobs mail

        invoices   issues the invoices of purchases waiting for one (R-BIL-2, R-BIL-5)
        charges    charges card invoices due today (R-BIL-3). cps has no real payment gateway: this run
                   uses an in-memory gateway that approves every charge, or declines every charge with
                   --decline REASON (retries and the overdue mail follow the policy)
        follow-up  sends bank-transfer reminders and suspends memberships unpaid after the grace period
        renewals   sends the renewal notices due (expiry − 30 days by the policy), issues the renewal
                   invoices due on the expiry date, and closes terms that reached their end: expired,
                   or renewed; an unpaid bank renewal is voided at expiry (R-LIFE-1, R-LIFE-2)
        retention  deletes the evidence files of applications decided retention.evidenceDays calendar days
                   ago (default 90, in the policy's time zone), and pseudonymises the personal data of
                   applications rejected retention.rejectedApplicationDays ago (default 180), except
                   those on legal hold, and the buyer of invoices whose retention years ended
                   (retention.invoiceYears per seller country from the end of the issue year,
                   default NL 7) (R-GDPR-2); after a pseudonymisation it compacts the store
        mail       answers the waiting password-reset requests, then delivers the outbox (R-ADP-2) into the
                   maildir <data-dir>/mail (new/ holds one RFC 5322 file per mail); the dispatcher puts
                   each password link into its mail there, never into the store (R-ID-3); `cps mails`
                   lists what was sent
        Set CPS_NOW to run a job at a chosen moment.
        """,
        valuedOptions: ["--decline"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--decline"], maxPositionals: 1)
        let action = try invocation.action(["invoices", "charges", "follow-up", "renewals", "retention", "mail"])
        return try await CLIContext.with(invocation) { cli in
            let job = CLIContext.billingJob
            switch action {
            case "invoices":
                let report = try await cli.services.invoicing.issueDueInvoices(as: job)
                let rows = report.issued.map { InvoiceRow($0) }
                try invocation.emit(JobRunOutput(issued: rows, late: report.late)) {
                    rows.map { "issued \($0.number) \($0.accountID) \($0.total) due \($0.dueDay) \($0.reference)" }
                }
            case "charges":
                let report = try await cli.services.cardCharges.chargeDueInvoices(as: job)
                try invocation.emit(JobRunOutput(charged: report.charged, declined: report.declined,
                                              finallyDeclined: report.finallyDeclined)) {
                    report.charged.map { "charged \($0)" } + report.declined.map { "declined \($0)" }
                        + report.finallyDeclined.map { "finally declined \($0)" }
                }
            case "follow-up":
                let report = try await cli.services.paymentFollowUp.run(as: job)
                try invocation.emit(JobRunOutput(reminded: report.reminded, suspended: report.suspended)) {
                    report.reminded.map { "reminded \($0)" } + report.suspended.map { "suspended \($0)" }
                }
            case "retention":
                var report = try await cli.services.retention.run(as: job)
                var all = report
                while report.hasMore {
                    report = try await cli.services.retention.run(as: job)
                    all.deleted += report.deleted
                    all.filesDeleted += report.filesDeleted
                    all.pseudonymised += report.pseudonymised
                    all.invoicesPseudonymised += report.invoicesPseudonymised
                    all.held += report.held.filter { !all.held.contains($0) }
                }
                all.hasMore = false
                if !all.pseudonymised.isEmpty || !all.invoicesPseudonymised.isEmpty { try await cli.store.compact() } // the old values leave the journal (Security.md)
                try invocation.emit(all) {
                    all.deleted.map { "deleted the evidence of \($0)" }
                        + all.pseudonymised.map { "pseudonymised the rejected application \($0)" }
                        + all.invoicesPseudonymised.map { "pseudonymised the buyer of invoice \($0): its retention years ended" }
                        + all.held.map { "kept the evidence and data of \($0): on legal hold" }
                        + ["\(all.filesDeleted) evidence files deleted"]
                }
            case "renewals":
                let report = try await cli.services.renewals.run(as: job)
                try invocation.emit(JobRunOutput(noticed: report.noticed, renewalInvoices: report.renewalInvoices,
                                                 notRenewed: Dictionary(uniqueKeysWithValues: report.notRenewed.map { ($0.key.rawValue, $0.value.rawValue) }), expired: report.expired,
                                                 renewed: report.renewed, voided: report.voided)) {
                    report.noticed.map { "noticed \($0) \(report.notRenewed[$0]?.rawValue ?? RenewalOutcome.renewing.rawValue)" }
                        + report.renewalInvoices.map { "renewal invoice \($0)" }
                        + report.expired.map { "expired \($0)" } + report.renewed.map { "renewed \($0)" }
                        + report.voided.map { "voided \($0)" }
                }
            default:
                // Password-reset requests first: their job queues the reset mails (R-PWD-1, R-ID-3).
                while try await cli.services.passwordResets.runOnce(as: job).hasMore {}
                let report = try await cli.services.mailDispatcher?.dispatchPending(limit: 10_000) ?? DispatchReport()
                try invocation.emit(JobRunOutput(delivered: report.delivered, retrying: report.retrying, failed: report.failed)) {
                    ["delivered \(report.delivered.count), retrying \(report.retrying.count), failed \(report.failed.count)"]
                }
            }
            return .success
        }
    }

    /// `cps bank-payment AMOUNT CURRENCY REFERENCE DATE`: an incoming bank transfer (R-BIL-4).
    static let bankPayment = CommandSpec(
        name: "bank-payment",
        summary: "record an incoming bank transfer and match it by its RF reference",
        help: """
        Usage: cps bank-payment AMOUNT CURRENCY REFERENCE DATE

        Records a transfer of AMOUNT (e.g. 100.00) in CURRENCY (ISO 4217, e.g. EUR) received on DATE
        (YYYY-MM-DD) with the payer's REFERENCE text, and matches it to its invoice by the RF creditor
        reference (ISO 11649, R-BIL-4): partial payments leave the rest due, an over-payment becomes a
        credit, an unknown reference stays unmatched for a person to look at (all exit 0).
        """
    ) { invocation in
        try invocation.arguments.expect(known: ["--json"], maxPositionals: 4)
        let amount = try Money(parsing: try invocation.arguments.positional(0, "AMOUNT"),
                               currencyCode: try invocation.arguments.positional(1, "CURRENCY"))
        let reference = try invocation.arguments.positional(2, "REFERENCE")
        guard let day = CalendarDay(iso: try invocation.arguments.positional(3, "DATE")) else {
            throw CommandError(.notDay, ["what": "DATE"])
        }
        return try await CLIContext.with(invocation) { cli in
            let payment = try await cli.services.bankPayments
                .recordIncomingPayment(amount: amount, reference: reference, receivedOn: day, as: CLIContext.billingJob)
            try invocation.emit(payment) {
                ["\(payment.id) \(payment.status.rawValue) \(payment.invoiceID ?? "-") applied \(payment.appliedAmount) credit \(payment.creditAmount)"]
            }
            return .success
        }
    }

    /// `cps void INVOICE-ID --reason TEXT --reviewer EMAIL` (R-LIFE-5).
    static let void = CommandSpec(
        name: "void",
        summary: "void an open invoice with a reason (reviewer)",
        help: """
        Usage: cps void INVOICE-ID --reason TEXT --reviewer EMAIL

        Voids the open invoice INVOICE-ID (R-LIFE-5): it keeps its number, the series stays gap-free,
        and the audit trail says why. A paid or void invoice, or a card invoice whose charge has
        started, is refused (exit 65). The membership it was issued for is not changed.
        """,
        valuedOptions: ["--reason", "--reviewer"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--reason", "--reviewer"], maxPositionals: 1)
        let invoiceID: Invoice.ID = try invocation.arguments.positional(0, "INVOICE-ID")
        let reason = invocation.arguments.option("--reason") ?? ""
        return try await CLIContext.with(invocation) { cli in
            let principal = try await invocation.reviewerPrincipal(in: cli)
            let invoice = try await cli.services.invoicing.voidInvoice(invoiceID, reason: reason, as: principal)
            let row = InvoiceRow(invoice)
            try invocation.emit(row) { ["voided \(row.number) \(row.id) (\(invoice.voidReason ?? ""))"] }
            return .success
        }
    }

    /// `cps credit INVOICE-ID --reason TEXT [--amount AMOUNT] --reviewer EMAIL` (R-LIFE-5).
    static let credit = CommandSpec(
        name: "credit",
        summary: "issue a credit note against a paid or part-paid invoice (reviewer)",
        help: """
        Usage: cps credit INVOICE-ID --reason TEXT [--amount AMOUNT] --reviewer EMAIL

        Issues a credit note (R-LIFE-5) with its own gap-free number series: all the invoice's lines, or
        one line of AMOUNT (before VAT; the invoice's VAT treatment applies). It first reduces what is
        still due on the invoice; the rest is kept as account credit. An open invoice with nothing
        paid is refused: void it instead (`cps void`).
        """,
        valuedOptions: ["--reason", "--reviewer", "--amount"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--reason", "--reviewer", "--amount"], maxPositionals: 1)
        let invoiceID: Invoice.ID = try invocation.arguments.positional(0, "INVOICE-ID")
        let reason = invocation.arguments.option("--reason") ?? ""
        return try await CLIContext.with(invocation) { cli in
            let principal = try await invocation.reviewerPrincipal(in: cli)
            var lines: [InvoiceLine]?
            if let amount = invocation.arguments.option("--amount") {
                let money = try Money(parsing: amount, currencyCode: cli.context.policy.billing.currency.code)
                lines = [InvoiceLine(description: reason, unitPrice: money)]
            }
            let note = try await cli.services.invoicing.issueCreditNote(for: invoiceID, lines: lines, reason: reason, as: principal)
            let row = CreditNoteRow(note)
            try invocation.emit(row) {
                ["credit note \(row.number) for \(row.invoiceNumber): \(row.total) (to the amount due \(row.appliedToDue), credited \(row.credited))"]
            }
            return .success
        }
    }

    /// `cps refund CREDIT-NOTE-ID [--bank-reference REF] --reviewer EMAIL` (R-LIFE-5).
    static let refund = CommandSpec(
        name: "refund",
        summary: "refund a credit note's credited part, by card or as a recorded bank transfer (reviewer)",
        help: """
        Usage: cps refund CREDIT-NOTE-ID [--bank-reference REF] --reviewer EMAIL

        Refunds the credited part of a credit note (R-LIFE-5). Without --bank-reference: onto the card
        of the invoice's charge through the payment gateway (`cps` has a stand-in gateway that approves
        every refund), claimed before the call with the key cps-refund:<credit note>:<n>, so running it
        again never refunds twice; at most what the card captured is refunded (a part prepaid with
        account credit stays account credit); a refusal by the gateway is an error (exit 65) and
        running it again makes the next attempt. With --bank-reference: records that the money was
        paid back by the bank transfer REF; nothing is called. Either way the amount is taken from the
        account's credit. A credit note with nothing credited, already refunded, or whose credit was
        used on a later invoice is refused (exit 65).
        """,
        valuedOptions: ["--reviewer", "--bank-reference"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--reviewer", "--bank-reference"], maxPositionals: 1)
        let noteID: CreditNote.ID = try invocation.arguments.positional(0, "CREDIT-NOTE-ID")
        let bankReference = invocation.arguments.option("--bank-reference")
        return try await CLIContext.with(invocation) { cli in
            let principal = try await invocation.reviewerPrincipal(in: cli)
            let refund = if let bankReference {
                try await cli.services.refunds.recordBankRefund(noteID, reference: bankReference, as: principal)
            } else {
                try await cli.services.refunds.refund(noteID, as: principal)
            }
            let row = RefundRow(noteID, refund)
            try invocation.emit(row) { ["refund of \(row.creditNote): \(row.amount) \(row.method) \(row.outcome)"] }
            return .success
        }
    }

    /// `cps mails [--to EMAIL]`: the mails written to the outbox, and whether they were sent (R-ADP-2).
    static let mails = CommandSpec(
        name: "mails",
        summary: "show the mails sent (and waiting in the outbox)",
        help: """
        Usage: cps mails [--to EMAIL] [--template NAME] [--pending]

        Lists the mails of the outbox oldest first, each with its status (pending, delivered, failed),
        recipient, template and subject; --json adds the body and the facts. A password link is never
        in the outbox (R-ID-3): its place holds "[password link]" until `cps jobs mail` delivers the
        mail into <data-dir>/mail, where the link is.
        """,
        valuedOptions: ["--to", "--template"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--to", "--template", "--pending"], maxPositionals: 0)
        let recipient = try invocation.arguments.option("--to").map { try EmailAddress($0) }
        let template = invocation.arguments.option("--template")
        return try await CLIContext.with(invocation) { cli in
            let mails = try await cli.store.fetchAll(OutboxMail.self).map(\.record)
                .filter { mail in recipient.map { address in mail.message.to.contains { $0.email == address } } ?? true }
                .filter { template == nil || $0.message.template == template }
                .filter { !invocation.arguments.flag("--pending") || $0.status == .pending }
                .sorted { ($0.message.date, $0.id) < ($1.message.date, $1.id) }
            let rows = mails.map(MailRow.init)
            try invocation.emit(rows) { rows.map { "\($0.status) \($0.to.joined(separator: ",")) \($0.template): \($0.subject)" } }
            return .success
        }
    }
}

/// One invoice in `cps jobs invoices --json` (R-BIL-2).
struct InvoiceRow: Encodable {
    let id: String
    let status: String
    let number: String
    let accountID: BusinessAccount.ID
    let method: String
    let total: String
    let dueDay: String
    let reference: String
    init(_ invoice: Invoice) {
        id = invoice.id.rawValue
        status = invoice.status.rawValue
        number = invoice.number
        accountID = invoice.accountID
        method = invoice.paymentMethod.rawValue
        total = invoice.total.description
        dueDay = invoice.due.dueDay.description
        reference = invoice.creditorReference.printed
    }
}

/// One credit note in `cps credit --json` (R-LIFE-5).
struct CreditNoteRow: Encodable {
    let id: CreditNote.ID
    let number: String
    let invoiceNumber: String
    let total: String
    let appliedToDue: String
    let credited: String
    init(_ note: CreditNote) {
        id = note.id
        number = note.number
        invoiceNumber = note.invoiceNumber
        total = note.total.description
        appliedToDue = note.appliedToDue.description
        credited = note.credited.description
    }
}

/// `cps refund … --json`: the refund as it stands (R-LIFE-5).
struct RefundRow: Encodable {
    let creditNote: CreditNote.ID
    let method: String
    let amount: String
    let outcome: String
    let idempotencyKey: String?
    let refundID: String?
    init(_ creditNote: CreditNote.ID, _ refund: CreditNoteRefund) {
        self.creditNote = creditNote
        method = refund.method.rawValue
        amount = refund.amount.description
        outcome = refund.outcome.rawValue
        idempotencyKey = refund.idempotencyKey
        refundID = refund.refundID
    }
}

/// `cps jobs … --json`: what a job did; only the lists of that job are present.
struct JobRunOutput: Encodable {
    var issued: [InvoiceRow]?
    var late: [Invoice.ID]?
    var charged: [Invoice.ID]?
    var declined: [Invoice.ID]?
    var finallyDeclined: [Invoice.ID]?
    var reminded: [Invoice.ID]?
    var suspended: [Invoice.ID]?
    var delivered: [OutboxMail.ID]?
    var retrying: [OutboxMail.ID]?
    var failed: [OutboxMail.ID]?
    var noticed: [Membership.ID]?
    var renewalInvoices: [Invoice.ID]?
    var notRenewed: [String: String]?
    var expired: [Membership.ID]?
    var renewed: [Membership.ID]?
    var voided: [Invoice.ID]?
}

/// One mail in `cps mails --json` (R-ADP-2).
struct MailRow: Encodable {
    let id: OutboxMail.ID
    let status: String
    let to: [String]
    let template: String
    let subject: String
    let body: String
    let facts: [String: String]
    let date: Date
    let deliveredAt: Date?
    init(_ mail: OutboxMail) {
        id = mail.id
        status = mail.status.rawValue
        to = mail.message.to.map(\.email.address)
        template = mail.message.template
        subject = mail.message.subject
        body = mail.message.body
        facts = mail.message.facts
        date = mail.message.date
        deliveredAt = mail.deliveredAt
    }
}
