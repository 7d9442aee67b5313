import CPSKit
import Foundation

/// The whole seed journey on a ``TestEnvironment``, deterministically: two companies apply, get
/// validated and set their passwords; the first registers and migrates products, crosses 500
/// points, buys Gold by card and is charged on the due date; the second buys by bank transfer and
/// pays in two parts, the second too much. It leaves at least one record of every kind in the store,
/// so the storage conformance suite can round-trip real records (R-ADP-1), and it is the workload of
/// the full-journey benchmark.
public enum SampleJourney {
    /// Every record kind CPSKit stores. A new kind adds one line here (the conformance tests fail
    /// when the journey leaves a record of a kind that is not listed).
    public static let recordKinds: [any (StoredRecord & Equatable).Type] = [
        BusinessAccountApplication.self, EvidenceFile.self, BusinessAccount.self, AccountUser.self, PasswordToken.self,
        AuditEntry.self, AuditChainHead.self, OutboxMail.self, PointsBalance.self, ProductRegistration.self, LedgerEntry.self,
        LegacyMembership.self, Membership.self, MembershipNumberCounter.self, MembershipPurchase.self, Invoice.self,
        InvoiceSeriesCounter.self, ChargeAttempt.self, IncomingPayment.self, AccountCredit.self, CreditNote.self,
    ]

    /// What the journey produced.
    public struct Outcome: Sendable {
        /// The card-paying account (Swedish, VAT-registered, migrated).
        public let cardAccount: TestEnvironment.ActiveAccount
        /// The bank-paying account (Swedish, not VAT-registered).
        public let bankAccount: TestEnvironment.ActiveAccount
    }

    /// Runs the journey in `env`. `suffix` makes e-mails, VAT numbers and serials unique so the journey
    /// can run many times in one store (the benchmark runs it thousands of times).
    @discardableResult
    public static func run(in env: TestEnvironment, number: Int = 0) async throws -> Outcome {
        let tag = number == 0 ? "" : "-\(number)"
        var form = Fixtures.swedishForm
        form.contactEmail = "anna\(tag)@ljusbild.example"
        form.oldCPSEmail = "anna.lind\(tag)@old-cps.example"
        form.vatNumber = number == 0 ? form.vatNumber : nil
        let card = try await env.activeAccount(form)
        var bankForm = Fixtures.swedishNonVATForm
        bankForm.contactEmail = "erik\(tag)@berg.example"
        let bank = try await env.activeAccount(bankForm, password: "Berg-foto-2026")

        // Products: two complete (500 points → the invitation), one missing its dealer, one removed.
        let products = env.products
        func serial(_ base: String) -> String { base + (number == 0 ? "" : "X\(number)") }
        _ = try await products.register(ProductForm(model: "EOS R5", serialNumber: serial("AB-1234"), purchaseDate: "2025-06",
                                                    countryOfPurchase: "SE", dealer: "Foto Stockholm"), on: card.account.id, as: card.principal)
        _ = try await products.register(ProductForm(model: "RF 24-70mm F2.8 L IS USM", serialNumber: serial("CD5678"),
                                                    purchaseDate: "2024", countryOfPurchase: "SE", dealer: "Foto Stockholm"),
                                        on: card.account.id, as: card.principal)
        let incomplete = try await products.register(ProductForm(model: "EOS R8", serialNumber: serial("EF9012"),
                                                                 purchaseDate: "2025-01-15", countryOfPurchase: "DE"),
                                                     on: card.account.id, as: card.principal)
        let sold = try await products.register(ProductForm(model: "RF 50mm F1.8 STM", serialNumber: serial("GH3456"),
                                                           purchaseDate: "2023", countryOfPurchase: "SE", dealer: "Kamerahuset"),
                                               on: card.account.id, as: card.principal)
        _ = try await products.remove(sold.registration.id, from: card.account.id, reason: .sold, as: card.principal)

        // Migration from the old CPS: one complete product, one without a purchase date.
        env.legacyDirectory.add(LegacyCPSAccount(
            membershipNumber: "OLD\(number)77", email: try EmailAddress(form.oldCPSEmail ?? ""),
            products: [LegacyProduct(model: "EOS R3", serialNumber: serial("LG0001"), purchaseDate: "2022-03-01",
                                     countryOfPurchase: "SE", dealer: "Foto Stockholm"),
                       LegacyProduct(model: "RF 70-200mm F2.8 L IS USM", serialNumber: serial("LG0002"))]))
        _ = try await env.migration.migrate(card.account.id, as: card.principal)
        // Completing the R8 later allocates its points then: 300 + 200 + 400 + 100 = 1,000, Gold.
        _ = try await products.complete(incomplete.registration.id, on: card.account.id,
                                        with: ProductUpdate(dealer: "Foto Berlin"), as: card.principal)

        // Gold by card: invoiced within hours, charged on the due date.
        _ = try await env.membership.purchase(PurchaseRequest(accountID: card.account.id, level: .gold, paymentMethod: .card, termsVersion: Fixtures.termsVersion),
                                              as: card.principal)
        // Silver by bank transfer for the second company (its points set directly: it has no products);
        // it has no VAT number, so its superuser gives its Peppol address for e-invoices (R-IDOC-2).
        try await env.setPoints(600, completeRegistrations: 3, for: bank.account.id)
        try await env.accounts.setElectronicAddress(ElectronicAddress(scheme: "0007", identifier: "5567321707"),
                                                    of: bank.account.id, as: bank.principal)
        _ = try await env.membership.purchase(PurchaseRequest(accountID: bank.account.id, level: .silver,
                                                              paymentMethod: .bankTransfer, termsVersion: Fixtures.termsVersion), as: bank.principal)
        env.clock.advance(by: 3_600)
        let issued = try await env.invoicing.issueDueInvoices(as: TestEnvironment.billingJob).issued
        guard let cardInvoice = issued.first(where: { $0.accountID == card.account.id }),
              let bankInvoice = issued.first(where: { $0.accountID == bank.account.id }) else {
            throw TestEnvironmentError("the journey's invoices were not issued")
        }
        let half = try bankInvoice.amountDue - Money(50, bankInvoice.amountDue.currency)
        try await env.bankPayments.recordIncomingPayment(amount: half, reference: bankInvoice.creditorReference.printed,
                                                         receivedOn: CalendarDay(env.clock.now, in: env.context.policy.timeZone),
                                                         as: TestEnvironment.billingJob)
        env.clock.set(cardInvoice.due.dueDay.start(in: env.context.policy.timeZone).addingTimeInterval(10 * 3_600))
        _ = try await env.cardCharges(InMemoryPaymentGateway()).chargeDueInvoices(as: TestEnvironment.billingJob)
        try await env.bankPayments.recordIncomingPayment(amount: Money(60, bankInvoice.amountDue.currency),
                                                         reference: bankInvoice.creditorReference.electronic,
                                                         receivedOn: bankInvoice.due.dueDay, as: TestEnvironment.billingJob)
        // A partial credit note on the paid card invoice (R-LIFE-5): all of it becomes account credit.
        try await env.invoicing.issueCreditNote(
            for: cardInvoice.id, lines: [InvoiceLine(description: "Goodwill", unitPrice: Money(20, cardInvoice.total.currency))],
            reason: "goodwill for a late service", as: TestEnvironment.billingJob)
        return Outcome(cardAccount: card, bankAccount: bank)
    }
}

extension RecordSamples {
    /// The records a whole ``SampleJourney`` leaves, of every kind in ``SampleJourney/recordKinds``:
    /// real values for the round-trip check of ``StorageConformance`` (R-ADP-1).
    public static func journey() async throws -> [any StoredRecord & Equatable] {
        let env = TestEnvironment()
        try await SampleJourney.run(in: env)
        var records: [any StoredRecord & Equatable] = []
        for kind in SampleJourney.recordKinds { records += try await all(of: kind, in: env.store) }
        return records
    }

    private static func all<R: StoredRecord & Equatable>(of type: R.Type, in store: any RecordStore) async throws -> [any StoredRecord & Equatable] {
        try await store.fetchAll(R.self).map(\.record)
    }
}
