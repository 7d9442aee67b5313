import CPSKit
import CPSKitTesting
import Foundation

/// The seed's journey for one Swedish company, told step by step from a fresh store (in memory unless
/// given) with a fixed clock, incrementing IDs and seeded randomness, so that every run prints the
/// same (R-ADP-3).
///
/// It is also the shortest complete example of using CPSKit in a host: read it top to bottom.
/// `cps walkthrough` runs it in memory; Examples/PostgresStore runs it on PostgreSQL (R-ADP-1):
///
/// ```swift
/// try await Walkthrough(language: .swedish, store: myEmptyStore).run()
/// ```
public struct Walkthrough: Sendable {
    /// The language of every line and mail printed.
    public let language: Language
    /// The store the journey writes to. It must hold no CPSKit records yet: the walkthrough's IDs
    /// (`application-1`, …) start from 1 on every run.
    public let store: any RecordStore
    /// Where the PDF and the Peppol UBL XML of every invoice and credit note are written at the end
    /// (R-IDOC-1, R-IDOC-2), as `<number>.pdf` and `<number>.xml`; `nil`: nowhere.
    public let outputDirectory: URL?
    let print: @Sendable (String) -> Void

    /// A walkthrough in `language` on `store` (a fresh in-memory store by default) that prints each
    /// line through `print` (standard output by default) and writes the invoice documents to
    /// `outputDirectory` when given (created if missing).
    public init(language: Language = .english, store: any RecordStore = InMemoryRecordStore(), outputDirectory: URL? = nil,
                print: @escaping @Sendable (String) -> Void = { Swift.print($0) }) {
        self.language = language
        self.store = store
        self.outputDirectory = outputDirectory
        self.print = print
    }

    private var catalog: TextCatalog { .standard }

    private func say(_ key: String, _ arguments: [String: String] = [:]) {
        print(catalog.render(TextKey("walkthrough.\(key)"), arguments, in: language))
    }

    private func heading(_ key: String) {
        print("")
        say(key)
    }

    /// Runs the journey, printing every step and every mail received.
    public func run() async throws {
        // A host builds one context: a store, an identity adapter, the policy, time, IDs, randomness.
        let env = TestEnvironment(start: "2026-11-27T10:00:00+01:00", store: store)
        let mailbox = env.mailbox
        let dispatcher = env.mailDispatcher
        let days = DayFormatter()
        var form = Fixtures.swedishForm
        form.contactLanguage = language.code
        let applicant = Principal.applicant(try EmailAddress(form.contactEmail))
        let reviewer = TestEnvironment.reviewer

        say("title", ["company": form.companyName])

        heading("step1")
        let application = try await env.onboarding.createApplication(form, as: applicant)
        say("step1.done", ["id": application.id.rawValue, "vat": application.vatStatus.number?.compact ?? "-"])

        heading("step2")
        let evaluationBefore = try await env.onboarding.evidence(of: application.id, as: applicant)
        say("step2.requirement", ["text": catalog.render(TextKey("evidence.requirement.\(evaluationBefore.requirements[0].code)"), in: language)])
        let document = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "faktura-2026-11.pdf",
                                                            bytes: Fixtures.pdf, as: applicant)
        say("step2.done", ["file": document.fileName, "type": document.mediaType.rawValue])

        heading("step3")
        say("step3.done", ["email": application.oldCPSEmail?.address ?? "-"])

        heading("step4")
        let receipt = try await env.onboarding.submit(application.id, as: applicant)
        say("step4.submitted", ["date": days.long(receipt.deadline.submissionDay, in: language),
                                "due": days.long(receipt.deadline.dueDay, in: language)])
        try await deliver(dispatcher, mailbox)
        // Trying to reset the password before the account exists: the same neutral answer, no mail.
        _ = try await env.passwords.requestPasswordReset(email: form.contactEmail)
        say("step4.earlyReset", ["answer": catalog.render("password.reset.answer", in: language)])
        env.clock.advance(days: 3) // Monday 30 November
        let queue = try await env.review.queue(as: reviewer)
        say("step4.queue", ["count": String(queue.count), "due": days.long(queue[0].dueDay, in: language)])
        try await env.review.startReview(application.id, as: reviewer)
        let evaluation = try await env.review.recordVisibleFields(Fixtures.visibleFields(of: form), on: document.id,
                                                                  of: application.id, as: reviewer)
        say("step4.examined", ["status": evaluation.isSatisfied ? "OK" : evaluation.currentlyDue.joined(separator: ", ")])
        let approval = try await env.review.approve(application.id, as: reviewer)
        say("step4.approved", ["account": approval.account.id.rawValue, "user": approval.superuser.email.address])

        heading("step5")
        let mails = try await deliver(dispatcher, mailbox)
        guard let token = mails.first(where: { $0.template == "accountReady" })?.passwordLink?.token else {
            say("failed")
            return
        }
        let user = try await env.passwords.setPassword(token: token, newPassword: "Ljus-och-bild-2026")
        say("step5.done", ["user": user.email.address])
        let principal = try await env.passwords.signIn(email: form.contactEmail, password: "Ljus-och-bild-2026").principal
        let account = try await env.accounts.account(approval.account.id, as: principal)
        say("step5.signedIn", ["company": account.companyName])

        try await activate(env, dispatcher: dispatcher, mailbox: mailbox, anna: principal, account: account, form: form)
    }

    /// The seed's second half, "Activate the new CPS membership": products, migration, points, the
    /// invitation, the levels, and payment by card and by bank transfer.
    private func activate(_ env: TestEnvironment, dispatcher: MailDispatcher, mailbox: InMemoryMailbox,
                          anna: Principal, account: BusinessAccount, form: ApplicationForm) async throws {
        let days = DayFormatter()
        let products = env.products
        // A second studio that already owns one of Anna's old cameras (it bought it second hand).
        var bergForm = Fixtures.swedishNonVATForm
        bergForm.contactLanguage = language.code
        let berg = try await env.activeAccount(bergForm, password: "Berg-foto-2026")
        _ = try await products.register(ProductForm(model: "RF 70-200mm F2.8 L IS USM", serialNumber: "LG-0002",
                                                    purchaseDate: "2024-05", countryOfPurchase: "SE", dealer: "Kamerahuset"),
                                        on: berg.account.id, as: berg.principal)
        _ = mailbox.popMessages()
        _ = try await dispatcher.dispatchPending()
        _ = mailbox.popMessages()
        env.legacyDirectory.add(LegacyCPSAccount(
            membershipNumber: "CPS-OLD-4711", email: try EmailAddress(form.oldCPSEmail ?? ""),
            products: [LegacyProduct(model: "EOS R3", serialNumber: "LG-0001", purchaseDate: "2022-03-01",
                                     countryOfPurchase: "SE", dealer: "Foto Stockholm"),
                       LegacyProduct(model: "RF 24-70mm F2.8 L IS USM", serialNumber: "LG 0003", purchaseDate: "2023",
                                     countryOfPurchase: "SE"),
                       LegacyProduct(model: "RF 70-200mm F2.8 L IS USM", serialNumber: "LG0002", purchaseDate: "2021",
                                     countryOfPurchase: "SE", dealer: "Foto Stockholm")]))

        heading("activate1")
        let first = try await products.register(ProductForm(model: "RF 50mm F1.8 STM", serialNumber: "ab-12 34",
                                                            purchaseDate: "2025-06", countryOfPurchase: "SE",
                                                            dealer: "Foto Stockholm"), on: account.id, as: anna)
        say("activate1.registered", ["model": first.registration.model, "serial": first.registration.serial?.description ?? "-",
                                     "points": String(first.points)])
        let availability = try await env.migration.availability(of: account.id, as: anna)
        for line in availability.explanation(in: language) { say("line", ["text": line]) }
        let report = try await env.migration.migrate(account.id, as: anna)
        for line in report.explanation(in: language) { say("line", ["text": line]) }
        let again = try await env.migration.migrate(account.id, as: anna)
        say("activate1.again", ["added": String(again.migratedCount)])

        heading("activate2")
        for registration in try await products.list(of: account.id, as: anna) {
            let detail = try await products.product(registration.id, of: account.id, as: anna)
            let tick = detail.isComplete ? "✔" : "✘"
            say("activate2.product", ["tick": tick, "model": detail.registration.model, "points": String(detail.points)])
            if !detail.isComplete { for line in detail.explanation(in: language) { say("line", ["text": "    " + line]) } }
        }
        say("activate2.points", ["points": String(try await products.points(of: account.id, as: anna).points)])
        guard let incomplete = try await products.list(of: account.id, as: anna).first(where: { !$0.isComplete }) else { return }
        let fixed = try await products.complete(incomplete.id, on: account.id,
                                                with: ProductUpdate(dealer: "Foto Stockholm"), as: anna)
        say("activate2.fixed", ["model": fixed.registration.model, "points": String(fixed.points),
                                "total": String(try await products.points(of: account.id, as: anna).points)])

        heading("activate3")
        try await deliver(dispatcher, mailbox)
        try await showLevels(env, account: account.id.rawValue, as: anna)
        let r5 = try await products.register(ProductForm(model: "EOS R5 Mark II", serialNumber: "R5-000123", purchaseDate: "2025-10-01",
                                                         countryOfPurchase: "SE", dealer: "Foto Stockholm"), on: account.id, as: anna)
        say("activate1.registered", ["model": r5.registration.model, "serial": r5.registration.serial?.description ?? "-",
                                     "points": String(r5.points)])
        try await showLevels(env, account: account.id.rawValue, as: anna)
        for model in ["EOS R1", "EOS R5 Mark II"] {
            _ = try await products.register(ProductForm(model: model, serialNumber: "BERG-\(model.count)", purchaseDate: "2025",
                                                        countryOfPurchase: "SE", dealer: "Kamerahuset"),
                                            on: berg.account.id, as: berg.principal)
        }
        _ = try await dispatcher.dispatchPending()
        _ = mailbox.popMessages()

        heading("activate4")
        let cardReceipt = try await env.membership.purchase(
            PurchaseRequest(accountID: account.id, level: .gold, paymentMethod: .card, termsVersion: env.context.policy.lifecycle.termsVersion), as: anna)
        say("activate4.bought", ["company": account.companyName, "level": "Gold", "method": method(.card),
                                 "number": cardReceipt.membership.number.description,
                                 "until": days.long(CalendarDay(cardReceipt.membership.term.end, in: env.context.policy.timeZone), in: language)])
        say("activate4.oldNumber", ["old": "CPS-OLD-4711", "new": cardReceipt.membership.number.description])
        // Berg has no VAT number, so no Peppol address can be derived: its superuser gives one (R-IDOC-2).
        let bergAddress = try ElectronicAddress(parsing: "0007:5567321707")
        try await env.accounts.setElectronicAddress(bergAddress, of: berg.account.id, as: berg.principal)
        say("activate4.peppol", ["company": bergForm.companyName, "address": bergAddress.description])
        let bankReceipt = try await env.membership.purchase(
            PurchaseRequest(accountID: berg.account.id, level: .gold, paymentMethod: .bankTransfer, termsVersion: env.context.policy.lifecycle.termsVersion), as: berg.principal)
        say("activate4.bought", ["company": bergForm.companyName, "level": "Gold", "method": method(.bankTransfer),
                                 "number": bankReceipt.membership.number.description,
                                 "until": days.long(CalendarDay(bankReceipt.membership.term.end, in: env.context.policy.timeZone), in: language)])
        if let notice = bankReceipt.bankTransferNotice { say("line", ["text": notice.text(in: language)]) }

        env.clock.advance(by: 2 * 3_600)
        let issued = try await env.invoicing.issueDueInvoices(as: TestEnvironment.billingJob).issued
        say("activate4.issued", ["count": String(issued.count)])
        for invoice in issued { printInvoice(invoice) }
        try await deliver(dispatcher, mailbox)

        guard let cardInvoice = issued.first(where: { $0.paymentMethod == .card }),
              let bankInvoice = issued.first(where: { $0.paymentMethod == .bankTransfer }) else { return }
        env.clock.set(bankInvoice.due.dueDay.start(in: env.context.policy.timeZone).addingTimeInterval(9 * 3_600))
        try await env.bankPayments.recordIncomingPayment(amount: bankInvoice.amountDue, reference: bankInvoice.creditorReference.printed,
                                                         receivedOn: bankInvoice.due.dueDay, as: TestEnvironment.billingJob)
        say("activate4.bankPaid", ["date": days.long(bankInvoice.due.dueDay, in: language),
                                   "amount": bankInvoice.amountDue.formatted(in: language)])
        env.clock.set(cardInvoice.due.dueDay.start(in: env.context.policy.timeZone).addingTimeInterval(10 * 3_600))
        let charges = try await env.cardCharges.chargeDueInvoices(as: TestEnvironment.billingJob)
        let rerun = try await env.cardCharges.chargeDueInvoices(as: TestEnvironment.billingJob)
        say("activate4.charged", ["date": days.long(cardInvoice.due.dueDay, in: language), "amount": cardInvoice.total.formatted(in: language),
                                  "count": String(charges.charged.count), "again": String(rerun.charged.count)])
        for invoice in try await env.invoicing.invoices(of: account.id, as: anna) + env.invoicing.invoices(of: berg.account.id, as: berg.principal) {
            say("activate4.status", ["number": invoice.number, "status": catalog.render(invoice.status.textKey, in: language)])
        }
        // A paid invoice is never changed: a goodwill credit is a credit note referencing it (R-LIFE-5).
        let reason = catalog.render("walkthrough.activate4.creditReason", in: language)
        let note = try await env.invoicing.issueCreditNote(
            for: bankInvoice.id, lines: [InvoiceLine(description: reason, unitPrice: Money(20, bankInvoice.total.currency))],
            reason: reason, as: TestEnvironment.reviewer)
        say("activate4.credited", ["number": note.number, "invoice": note.invoiceNumber, "amount": note.total.formatted(in: language)])
        try await deliver(dispatcher, mailbox)
        try await oneYearLater(env, dispatcher: dispatcher, mailbox: mailbox, anna: anna, account: account, berg: berg,
                               card: cardReceipt.membership, bank: bankReceipt.membership, cardInvoice: cardInvoice)
        if let outputDirectory { try await writeDocuments(env, to: outputDirectory) }
        say("done")
    }

    /// One year later (R-LIFE-1…5): the renewal notice, the card renewal charged on the expiry date, a
    /// cancelled second account that expires, a credit note and its refund.
    private func oneYearLater(_ env: TestEnvironment, dispatcher: MailDispatcher, mailbox: InMemoryMailbox, anna: Principal,
                              account: BusinessAccount, berg: TestEnvironment.ActiveAccount, card: Membership, bank: Membership,
                              cardInvoice: Invoice) async throws {
        let days = DayFormatter()
        let tz = env.context.policy.timeZone
        let renewals = env.renewals
        let job = Principal.system("renewals")

        heading("later1")
        // Berg Foto closes its studio: cancelled at the end of the term, nothing refunded.
        let cancelled = try await env.membership.cancelAtPeriodEnd(of: berg.account.id, reason: .businessClosed, as: berg.principal)
        say("later1.cancelled", ["company": berg.account.companyName,
                                 "until": days.long(cancelled.term.expiryDay(in: tz), in: language)])
        let noticeDay = card.term.renewalNoticeDay(noticeDays: env.context.policy.lifecycle.renewalNoticeDays, in: tz)
        env.clock.set(noticeDay.start(in: tz).addingTimeInterval(6 * 3_600))
        let notices = try await renewals.run(as: job)
        let again = try await renewals.run(as: job)
        say("later1.notices", ["date": days.long(noticeDay, in: language), "count": String(notices.noticed.count),
                               "invoices": String(notices.renewalInvoices.count), "again": String(again.noticed.count)])
        try await deliver(dispatcher, mailbox)
        let steps = try await env.guidance.nextSteps(forAccount: account.id, as: anna, in: language)
        if let due = steps.first(where: { $0.code == .renewalDue }) { say("line", ["text": "  → " + due.text]) }

        heading("later2")
        let expiry = card.term.expiryDay(in: tz)
        env.clock.set(expiry.start(in: tz).addingTimeInterval(-60))
        let early = try await env.cardCharges.chargeDueInvoices(as: TestEnvironment.billingJob)
        env.clock.set(expiry.start(in: tz).addingTimeInterval(5 * 60))
        let charged = try await env.cardCharges.chargeDueInvoices(as: TestEnvironment.billingJob)
        say("later2.charged", ["date": days.long(expiry, in: language), "before": String(early.charged.count),
                               "count": String(charged.charged.count)])
        env.clock.set(max(card.term.end, bank.term.end))
        let closed = try await renewals.run(as: job)
        say("later2.closed", ["renewed": String(closed.renewed.count), "ended": String(closed.expired.count)])
        for (who, principal, accountID) in [(account.companyName, anna, account.id),
                                            (berg.account.companyName, berg.principal, berg.account.id)] {
            guard let current = try await env.membership.currentMembership(of: accountID, as: principal) else { continue }
            let status = current.status(at: env.clock.now)
            say("later2.status", ["company": who, "number": current.number.printed, "level": catalog.render(current.level.textKey, in: language),
                                  "status": catalog.render(TextKey("walkthrough.status.\(status.rawValue)"), in: language)])
        }
        let bergSteps = try await env.guidance.nextSteps(forAccount: berg.account.id, as: berg.principal, in: language)
        if let ended = bergSteps.first(where: { $0.code == .membershipCancelled || $0.code == .membershipExpired }) {
            say("line", ["text": "  → " + ended.text])
        }
        try await deliver(dispatcher, mailbox)

        heading("later3")
        // A service outage: the back office credits part of the paid renewal and refunds it to the card.
        guard let renewalInvoice = try await env.invoicing.invoices(of: account.id, as: anna)
            .first(where: { $0.id != cardInvoice.id && $0.status == .paid }) else { return }
        let line = InvoiceLine(description: catalog.render("walkthrough.later3.line", in: language), unitPrice: Money(50, .eur))
        let note = try await env.invoicing.issueCreditNote(for: renewalInvoice.id, lines: [line],
                                                           reason: "service outage", as: TestEnvironment.reviewer)
        say("later3.credited", ["number": note.number, "invoice": note.invoiceNumber, "amount": note.total.formatted(in: language)])
        let refund = try await env.services.refunds.refund(note.id, as: TestEnvironment.reviewer)
        let repeated = try await env.services.refunds.refund(note.id, as: TestEnvironment.reviewer)
        say("later3.refunded", ["amount": refund.amount.formatted(in: language), "key": refund.idempotencyKey ?? "-",
                                "same": repeated == refund ? "1" : "2"])
        try await deliver(dispatcher, mailbox)
    }

    /// Writes the PDF and UBL of every invoice and credit note of the store to `directory`, through
    /// ``InvoiceDocumentService`` as the system (R-IDOC-1, R-IDOC-2), and prints the directory and the files.
    private func writeDocuments(_ env: TestEnvironment, to directory: URL) async throws {
        let documents = env.invoiceDocuments
        let system = TestEnvironment.billingJob
        var files: [(String, [UInt8])] = []
        for invoice in try await env.store.fetchAll(Invoice.self).map(\.record).sorted(by: { $0.number < $1.number }) {
            files.append(("\(invoice.number).pdf", try await documents.pdf(of: invoice.id, in: invoice.accountID, as: system)))
            files.append(("\(invoice.number).xml",
                          Array(try await documents.ubl(of: invoice.id, in: invoice.accountID, as: system).utf8)))
        }
        for note in try await env.store.fetchAll(CreditNote.self).map(\.record).sorted(by: { $0.number < $1.number }) {
            files.append(("\(note.number).pdf", try await documents.pdf(ofCreditNote: note.id, in: note.accountID, as: system)))
            files.append(("\(note.number).xml",
                          Array(try await documents.ubl(ofCreditNote: note.id, in: note.accountID, as: system).utf8)))
        }
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for (name, bytes) in files { try Data(bytes).write(to: directory.appendingPathComponent(name), options: .atomic) }
        } catch {
            throw CommandError(.cannotWrite, ["path": directory.path, "detail": error.localizedDescription])
        }
        print("")
        say("output", ["directory": directory.path])
        for (name, _) in files { say("output.file", ["file": name]) }
    }

    private func method(_ method: PaymentMethod) -> String { catalog.render(method.textKey, in: language).lowercased() }

    private func showLevels(_ env: TestEnvironment, account: String, as principal: Principal) async throws {
        let eligibility = try await env.membership.levels(of: BusinessAccount.ID(account), as: principal)
        say("activate3.levels", ["points": String(eligibility.points)])
        for view in eligibility.isBusinessSwitchShown ? CPSLevelView.allCases : [.individual] {
            say("activate3.view", ["view": catalog.render(view.textKey, in: language)])
            for level in eligibility.levels(in: view) {
                let missing = level.shortfalls.map { $0.text(in: language) }.joined(separator: "; ")
                say(level.isOpen ? "activate3.open" : "activate3.closed",
                    ["level": catalog.render(level.level.textKey, in: language), "fee": level.yearlyFee.formatted(in: language),
                     "missing": missing])
            }
        }
    }

    private func printInvoice(_ invoice: Invoice) {
        say("invoice.head", ["number": invoice.number, "customer": invoice.customerName,
                             "due": DayFormatter().long(invoice.due.dueDay, in: language),
                             "method": method(invoice.paymentMethod)])
        for (line, total) in zip(invoice.amounts.lines, invoice.amounts.lineTotals) {
            say("invoice.line", ["text": line.description, "amount": total.formatted(in: language)])
        }
        for vat in invoice.amounts.vatLines {
            say("invoice.vat", ["rate": vat.rate?.percentText ?? "0", "amount": vat.vatAmount.formatted(in: language)])
        }
        if let note = invoice.amounts.assessment.note { say("line", ["text": "    " + note.text(in: language)]) }
        say("invoice.total", ["amount": invoice.total.formatted(in: language), "reference": invoice.creditorReference.printed])
    }

    /// Delivers the outbox and prints every mail received.
    @discardableResult
    private func deliver(_ dispatcher: MailDispatcher, _ mailbox: InMemoryMailbox) async throws -> [MailMessage] {
        _ = try await dispatcher.dispatchPending()
        let received = mailbox.popMessages()
        for mail in received {
            print("")
            say("mail", ["to": mail.to.map(\.description).joined(separator: ", "), "from": mail.from.description,
                         "subject": mail.subject])
            for line in mail.body.split(separator: "\n", omittingEmptySubsequences: false) { print("  │ " + line) }
        }
        return received
    }
}
