import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Next steps in every state of the journey (R-GUIDE-1)")
struct GuidanceTests {
    // MARK: - Application

    @Test("Draft: the evidence requirement of R-DOC-1 in both languages, what is unmet, then submit")
    func draft() async throws {
        let env = TestEnvironment()
        let guidance = Self.guidance(env)
        let applicant = try Self.applicant(Fixtures.swedishForm)
        let application = try await env.onboarding.createApplication(Fixtures.swedishForm, as: applicant)
        let empty = try await guidance.nextSteps(forApplication: application.id, as: applicant, in: .english)
        #expect(empty.map(\.code) == [.provideEvidence])
        #expect(empty[0].facts["requirement"] == "vatRegistration")
        #expect(empty[0].facts["status"] == "missing")
        #expect(empty[0].text.contains("VAT registration certificate"))
        #expect(empty[0].text.contains("Still needed"))
        let swedish = try await guidance.nextSteps(forApplication: application.id, as: applicant, in: .swedish)
        #expect(swedish[0].text.contains("momsregistreringscertifikat"))

        _ = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "f.pdf",
                                                 bytes: Fixtures.pdf, as: applicant)
        let ready = try await guidance.nextSteps(forApplication: application.id, as: applicant, in: .english)
        #expect(ready.map(\.code) == [.provideEvidence, .submit])
        #expect(ready[0].facts["status"] == "awaitingExamination")
        #expect(ready[1].text.contains("up to 2 working days"))
        // Another applicant learns nothing.
        await #expect(throws: AuthorizationError.self) {
            try await guidance.nextSteps(forApplication: application.id, as: .applicant(try EmailAddress("x@y.example")))
        }
    }

    @Test("Draft, not VAT-registered: R-DOC-2's list of ONE document showing name and address")
    func draftNotVATRegistered() async throws {
        let env = TestEnvironment()
        let applicant = try Self.applicant(Fixtures.swedishNonVATForm)
        let application = try await env.onboarding.createApplication(Fixtures.swedishNonVATForm, as: applicant)
        let steps = try await Self.guidance(env).nextSteps(forApplication: application.id, as: applicant, in: .swedish)
        #expect(steps[0].facts["requirement"] == "companyIdentity")
        #expect(steps[0].text.contains("ETT"))
        #expect(steps[0].text.contains("bolagsordning"))
    }

    @Test("Submitted and in review: the expected date (2 working days) and do not reset the password yet")
    func submitted() async throws {
        let env = TestEnvironment()
        let (application, applicant, _) = try await Self.submittedApplication(env)
        let guidance = Self.guidance(env)
        let english = try await guidance.nextSteps(forApplication: application, as: applicant, in: .english)
        #expect(english.map(\.code) == [.awaitValidation, .doNotResetPasswordYet])
        #expect(english[0].facts["dueDate"] == "2026-12-01")
        #expect(english[0].text.contains("validation can take up to 2 working days — expected by Tuesday 1 December 2026"))
        #expect(english[1].text.contains("Do not try to reset the password before then"))
        #expect(english[1].text.contains("donotreply@canon-europe.com"))
        let swedish = try await guidance.nextSteps(forApplication: application, as: applicant, in: .swedish)
        #expect(swedish[0].text.contains("upp till 2 arbetsdagar – klar senast tisdag 1 december 2026"))
        #expect(swedish[1].text.contains("Försök inte att återställa lösenordet innan dess"))

        _ = try await env.review.startReview(application, as: TestEnvironment.reviewer)
        #expect(try await guidance.nextSteps(forApplication: application, as: applicant).map(\.code)
            == [.awaitValidation, .doNotResetPasswordYet])
        env.clock.advance(days: 5)
        let late = try await guidance.nextSteps(forApplication: application, as: applicant, in: .english)
        #expect(late[0].code == .validationDelayed)
    }

    @Test("More information requested: the reviewer's message, what is unmet, submit again")
    func moreInformation() async throws {
        let env = TestEnvironment()
        let (application, applicant, _) = try await Self.submittedApplication(env)
        _ = try await env.review.requestMoreInformation(application, message: "The invoice is unreadable",
                                                        as: TestEnvironment.reviewer)
        let steps = try await Self.guidance(env).nextSteps(forApplication: application, as: applicant, in: .english)
        #expect(steps.first?.code == .provideMoreInformation)
        #expect(steps.first?.facts["message"] == "The invoice is unreadable")
        #expect(steps.map(\.code).contains(.resubmit))
        #expect(steps.map(\.code).contains(.doNotResetPasswordYet))
        let swedish = try await Self.guidance(env).nextSteps(forApplication: application, as: applicant, in: .swedish)
        #expect(swedish[0].text.contains("Vi behöver mer information: ”The invoice is unreadable”"))
    }

    @Test("Rejected: the reasons")
    func rejected() async throws {
        let env = TestEnvironment()
        let (application, applicant, _) = try await Self.submittedApplication(env)
        _ = try await env.review.reject(application, reasons: "Not a company", as: TestEnvironment.reviewer)
        let steps = try await Self.guidance(env).nextSteps(forApplication: application, as: applicant, in: .english)
        #expect(steps.map(\.code) == [.rejected])
        #expect(steps[0].text.contains("rejected: Not a company"))
        let swedish = try await Self.guidance(env).nextSteps(forApplication: application, as: applicant, in: .swedish)
        #expect(swedish[0].text.contains("avslagits: Not a company"))
    }

    @Test("Approved, awaiting the password: set it from the automatic e-mail; then sign in")
    func approvedAwaitingPassword() async throws {
        let env = TestEnvironment()
        let (application, applicant, document) = try await Self.submittedApplication(env)
        try await env.review.recordVisibleFields(Fixtures.visibleFields(of: Fixtures.swedishForm), on: document,
                                                 of: application, as: TestEnvironment.reviewer)
        _ = try await env.review.approve(application, as: TestEnvironment.reviewer)
        let guidance = Self.guidance(env)
        let steps = try await guidance.nextSteps(forApplication: application, as: applicant, in: .swedish)
        #expect(steps.map(\.code) == [.setPasswordFromEmail])
        #expect(steps[0].text.contains("automatiskt e-postmeddelande från donotreply@canon-europe.com"))
        let token = try #require(try await env.latestToken())
        _ = try await env.passwords.setPassword(token: token, newPassword: "Ljus-och-bild-2026")
        let after = try await guidance.nextSteps(forApplication: application, as: applicant, in: .english)
        #expect(after.map(\.code) == [.signIn])
    }

    // MARK: - Account

    @Test("Active, no products, no old e-mail: register under My products; why MIGRATE PRODUCTS is missing; points")
    func activeWithoutProducts() async throws {
        let env = TestEnvironment()
        var form = Fixtures.swedishForm
        form.oldCPSEmail = nil
        let active = try await env.activeAccount(form)
        let guidance = Self.guidance(env)
        let english = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        #expect(english.map(\.code) == [.registerProducts, .migrateUnavailable, .pointsToInvitation, .pointsToLevel,
                                        .pointsToLevel, .pointsToBusinessLevels])
        #expect(english[0].text.contains("\"My products\""))
        #expect(english[1].facts["reason"] == "noOldEmailGiven")
        #expect(english[1].facts["waysOn"] == "registerProductsAgain,contactPrioritySupport")
        #expect(english[1].text.contains("MIGRATE PRODUCTS is not available"))
        #expect(english[1].text.contains("CPS Priority Support"))
        #expect(english[2].text.contains("500 more points to your invitation"))
        #expect(english[3].text == "1,000 more points to reach Gold (1,000 points).")
        #expect(english[5].text.contains("2,501 more points to open the business levels (more than 2,500 points)"))
        let swedish = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .swedish)
        #expect(swedish[0].text.contains("”Mina produkter”"))
        #expect(swedish[1].text.contains("MIGRERA PRODUKTER är inte tillgängligt"))
        #expect(swedish[3].text == "1\u{00A0}000 poäng till för att nå Gold (1\u{00A0}000 poäng).")
        #expect(swedish[5].text.contains("mer än 2\u{00A0}500 poäng"))
        // Another account's user learns nothing.
        let other = try await env.activeAccount(Fixtures.swedishNonVATForm)
        await #expect(throws: AuthorizationError.self) {
            try await guidance.nextSteps(forAccount: active.account.id, as: other.principal)
        }
    }

    @Test("R-GUIDE-1, R-MIG-1: with no old CPS (no legacy directory) GuidanceService needs none: register products, no migration")
    func noLegacyDirectory() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        var context = env.context
        context.legacyDirectory = nil
        let steps = try await GuidanceService(context).nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        #expect(steps.map(\.code).contains(.registerProducts))
        #expect(!steps.map(\.code).contains(.migrateAvailable))
    }

    @Test("Active with an old CPS account: MIGRATE PRODUCTS available with its product count; gone once migrated")
    func migrationAvailable() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        env.legacyDirectory.add(LegacyCPSAccount(membershipNumber: "OLD77", email: try EmailAddress(Fixtures.swedishForm.oldCPSEmail ?? ""),
                                                 products: [LegacyProduct(model: "EOS R3", serialNumber: "LG0001")]))
        let guidance = Self.guidance(env)
        let english = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        let migrate = try #require(english.first { $0.code == .migrateAvailable })
        #expect(migrate.facts["count"] == "1")
        #expect(migrate.facts["legacyMembershipNumber"] == "OLD77")
        #expect(migrate.text.contains("blue button \"MIGRATE PRODUCTS\""))
        let swedish = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .swedish)
        #expect(swedish.contains { $0.text.contains("blå knappen ”MIGRERA PRODUKTER”") })
        _ = try await env.migration.migrate(active.account.id, as: active.principal)
        let after = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal)
        #expect(!after.map(\.code).contains(.migrateAvailable))
        #expect(!after.map(\.code).contains(.registerProducts))
        // The migrated R3 has no purchase date, country or dealer: View product.
        #expect(after.filter { $0.code == .completeMissing }.count == 3)
    }

    @Test("Incomplete products: 2 products lack a dealer — View product / Visa produkt")
    func incompleteProducts() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        let ids = [
            try await env.products.register(ProductForm(model: "EOS R8", serialNumber: "EF9012", purchaseDate: "2025-01",
                                                        countryOfPurchase: "SE"), on: active.account.id, as: active.principal),
            try await env.products.register(ProductForm(model: "EOS R5", serialNumber: "AB1234", purchaseDate: "2025",
                                                        countryOfPurchase: "SE"), on: active.account.id, as: active.principal),
            try await env.products.register(ProductForm(model: "EOS R3", serialNumber: "CD5678", countryOfPurchase: "SE",
                                                        dealer: "Foto"), on: active.account.id, as: active.principal),
        ].map(\.registration.id)
        let guidance = Self.guidance(env)
        let english = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        let missing = english.filter { $0.code == .completeMissing }
        #expect(missing.map { $0.facts["field"] } == ["purchaseDate", "dealer"])
        #expect(missing[0].text.hasPrefix("1 product lacks a purchase date (EOS R3)"))
        #expect(missing[1].text.hasPrefix("2 products lack a dealer (EOS R8, EOS R5)"))
        #expect(missing[1].text.contains("\"View product\""))
        #expect(missing[1].facts["productIDs"] == "\(ids[0]),\(ids[1])")
        #expect(missing[1].facts["count"] == "2")
        let swedish = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .swedish)
        let svMissing = swedish.filter { $0.code == .completeMissing }
        #expect(svMissing[1].text.hasPrefix("2 produkter saknar återförsäljare"))
        #expect(svMissing[1].text.contains("”Visa produkt”"))
        #expect(svMissing[0].text.hasPrefix("1 produkt saknar inköpsdatum"))
    }

    @Test("Invited: choose a level under Available CPS levels; 120 more points to reach Gold")
    func invited() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        try await env.setPoints(880, completeRegistrations: 4, for: active.account.id)
        let guidance = Self.guidance(env)
        let english = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        #expect(!english.map(\.code).contains(.pointsToInvitation))
        let choose = try #require(english.first { $0.code == .chooseLevel })
        #expect(choose.facts["openLevels"] == "silver")
        #expect(choose.text.contains("\"Available CPS levels\""))
        #expect(choose.text.contains("Silver (€100.00 a year)"))
        let toLevels = english.filter { $0.code == .pointsToLevel }
        #expect(toLevels.map { $0.facts["level"] } == ["gold", "platinum"])
        #expect(toLevels[0].text == "120 more points to reach Gold (1,000 points).")
        #expect(toLevels[0].facts["missing"] == "120")
        #expect(!english.map(\.code).contains(.businessSwitch))
        let swedish = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .swedish)
        #expect(swedish.contains { $0.text.contains("”Tillgängliga CPS-nivåer”") && $0.text.contains("Silver (100,00 € per år)") })
        #expect(swedish.contains { $0.text == "120 poäng till för att nå Gold (1\u{00A0}000 poäng)." })
    }

    @Test("More than 2,500 points: the ON/OFF switch between business and Silver/Gold/Platinum levels")
    func businessSwitch() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        try await env.setPoints(2_600, completeRegistrations: 30, for: active.account.id)
        let guidance = Self.guidance(env)
        let english = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        let toggle = try #require(english.first { $0.code == .businessSwitch })
        #expect(toggle.facts["openIndividualLevels"] == "silver,gold,platinum")
        #expect(toggle.facts["openBusinessLevels"]?.isEmpty == false)
        #expect(toggle.text.contains("With more than 2,500 points"))
        #expect(toggle.text.contains("ON/OFF switch"))
        #expect(!english.map(\.code).contains(.pointsToLevel))
        #expect(!english.map(\.code).contains(.pointsToBusinessLevels))
        let swedish = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .swedish)
        #expect(swedish.contains { $0.text.contains("Med mer än 2\u{00A0}500 poäng") && $0.text.contains("PÅ/AV-knappen") })
        // Exactly 2,500 is not enough (R-TIER-2).
        try await env.setPoints(2_500, completeRegistrations: 30, for: active.account.id)
        let at = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        #expect(!at.map(\.code).contains(.businessSwitch))
        #expect(at.first { $0.code == .pointsToBusinessLevels }?.facts["missing"] == "1")
    }

    @Test("Card purchase: invoice within hours, then charged on the due date; membership active with its number")
    func cardPurchase() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        try await env.setPoints(1_000, completeRegistrations: 4, for: active.account.id)
        _ = try await env.membership.purchase(PurchaseRequest(accountID: active.account.id, level: .gold, paymentMethod: .card, termsVersion: Fixtures.termsVersion),
                                              as: active.principal)
        let guidance = Self.guidance(env)
        let pending = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        #expect(pending.first?.code == .awaitInvoice)
        #expect(pending.first?.text.contains("within a few hours") == true)
        #expect(!pending.map(\.code).contains(.chooseLevel))
        #expect(pending.map(\.code).contains(.membershipActive))
        env.clock.advance(by: 3_600)
        let invoice = try #require(try await env.invoicing.issueDueInvoices(as: TestEnvironment.billingJob).issued.first)
        let open = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        #expect(open.first?.code == .cardChargedOnDueDate)
        #expect(open.first?.facts["dueDate"] == invoice.due.dueDay.description)
        #expect(open.first?.text.contains("on the due date, Sunday 27 December 2026: €200.00") == true)
        let active1 = try #require(open.first { $0.code == .membershipActive })
        #expect(active1.facts["level"] == "gold")
        #expect(active1.text.contains("Your CPS Gold membership is active"))
        let swedish = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .swedish)
        #expect(swedish.first?.text.contains("debiteras inte direkt utan på förfallodatumet, söndag 27 december 2026: 200,00 €") == true)
        #expect(swedish.contains { $0.text.contains("du kan börja använda det direkt") })
        // Charged on the due date: nothing left to pay.
        env.clock.set(invoice.due.dueDay.start(in: env.context.policy.timeZone).addingTimeInterval(36_000))
        _ = try await env.cardCharges(InMemoryPaymentGateway()).chargeDueInvoices(as: TestEnvironment.billingJob)
        let paid = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        #expect(!paid.contains { $0.code.rawValue.hasPrefix("invoice.") })
    }

    @Test("Bank transfer: pay by the due date with the RF reference and the local fees notice; overdue; suspended")
    func bankTransfer() async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount(Fixtures.swedishNonVATForm)
        try await env.setPoints(600, completeRegistrations: 3, for: active.account.id)
        _ = try await env.membership.purchase(PurchaseRequest(accountID: active.account.id, level: .silver,
                                                              paymentMethod: .bankTransfer, termsVersion: Fixtures.termsVersion), as: active.principal)
        let guidance = Self.guidance(env)
        let pending = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        #expect(pending.first?.code == .awaitInvoice)
        #expect(pending.first?.details.first?.contains("local") == true)
        env.clock.advance(by: 3_600)
        let invoice = try #require(try await env.invoicing.issueDueInvoices(as: TestEnvironment.billingJob).issued.first)
        let english = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        let pay = try #require(english.first)
        #expect(pay.code == .payByBankTransfer)
        #expect(pay.facts["reference"] == invoice.creditorReference.printed)
        #expect(pay.text.contains("by Sunday 27 December 2026, with the reference \(invoice.creditorReference.printed)"))
        #expect(pay.text.contains("local"))
        let swedish = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .swedish)
        #expect(swedish.first?.text.contains("senast söndag 27 december 2026") == true)

        env.clock.set(invoice.due.dueDay.adding(days: 1).start(in: env.context.policy.timeZone).addingTimeInterval(3_600))
        let overdue = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        #expect(overdue.first?.code == .invoiceOverdue)
        #expect(overdue.first?.facts["daysOverdue"] == "1")
        #expect(overdue.first?.text.contains("is overdue") == true)
        let svOverdue = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .swedish)
        #expect(svOverdue.first?.text.contains("är förfallen") == true)

        let schedule = invoice.schedule(policy: env.context.policy.billing)
        env.clock.set(schedule.suspensionDay.start(in: env.context.policy.timeZone).addingTimeInterval(3_600))
        _ = try await env.paymentFollowUp.run(as: TestEnvironment.billingJob)
        let suspended = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .english)
        #expect(suspended.first?.code == .membershipSuspended)
        #expect(suspended.first?.facts["invoiceNumber"] == invoice.number)
        #expect(suspended.first?.text.contains("is suspended") == true)
        #expect(!suspended.map(\.code).contains(.membershipActive))
        let svSuspended = try await guidance.nextSteps(forAccount: active.account.id, as: active.principal, in: .swedish)
        #expect(svSuspended.first?.text.contains("är avstängt") == true)
    }

    @Test("The whole sample journey: a migrated, paid Gold member is told the new membership number")
    func sampleJourney() async throws {
        let env = TestEnvironment()
        let outcome = try await SampleJourney.run(in: env)
        let guidance = Self.guidance(env)
        let card = try await guidance.nextSteps(forAccount: outcome.cardAccount.account.id,
                                                as: outcome.cardAccount.principal, in: .english)
        #expect(card.map(\.code).contains(.membershipActive))
        let changed = try #require(card.first { $0.code == .membershipNumberChanged })
        #expect(changed.facts["previousNumber"] == "OLD077")
        #expect(!card.contains { $0.code.rawValue.hasPrefix("invoice.") })
        let bank = try await guidance.nextSteps(forAccount: outcome.bankAccount.account.id,
                                                as: outcome.bankAccount.principal, in: .swedish)
        #expect(bank.map(\.code).contains(.membershipActive))
        #expect(!bank.contains { $0.code.rawValue.hasPrefix("invoice.") })
    }

    @Test("Every step code has its text in Swedish and English, with the same placeholders")
    func everyCodeHasTexts() {
        let catalog = TextCatalog.standard
        let variants: [GuidanceCode: [String]] = [
            .completeMissing: ["one", "other"], .invoiceOverdue: ["card", "bankTransfer"],
            .renewalDue: ["renewing.card", "renewing.bankTransfer", "notRenewing"],
        ]
        for code in GuidanceCode.all {
            let keys = variants[code].map { $0.map { "guidance.step.\(code.rawValue).\($0)" } } ?? ["guidance.step.\(code.rawValue)"]
            for key in keys {
                #expect(catalog.keys(of: .english).contains(key), "\(key) in English")
                #expect(catalog.keys(of: .swedish).contains(key), "\(key) in Swedish")
            }
        }
        #expect(LocalizedNumber.format(2_500, in: .swedish) == "2\u{00A0}500")
        #expect(LocalizedNumber.format(2_500, in: .english) == "2,500")
        #expect(LocalizedNumber.format(1_234_567, in: .english) == "1,234,567")
        #expect(LocalizedNumber.format(-120, in: .english) == "-120")
        #expect(LocalizedNumber.format(999, in: .swedish) == "999")
    }

    // MARK: - Helpers

    private static func guidance(_ env: TestEnvironment) -> GuidanceService {
        GuidanceService(env.context)
    }

    private static func applicant(_ form: ApplicationForm) throws -> Principal {
        .applicant(try EmailAddress(form.contactEmail))
    }

    /// A submitted application of the Swedish fixture: its ID, applicant and document ID.
    private static func submittedApplication(_ env: TestEnvironment) async throws -> (BusinessAccountApplication.ID, Principal, EvidenceDocument.ID) {
        let applicant = try applicant(Fixtures.swedishForm)
        let application = try await env.onboarding.createApplication(Fixtures.swedishForm, as: applicant)
        let document = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "f.pdf",
                                                            bytes: Fixtures.pdf, as: applicant)
        _ = try await env.onboarding.submit(application.id, as: applicant)
        return (application.id, applicant, document.id)
    }
}
