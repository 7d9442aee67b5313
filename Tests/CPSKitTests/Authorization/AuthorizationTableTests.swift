import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// R-ID-4: every cell of ``AuthorizationTable`` is a test case: the operation is called as the
/// principal on a fresh copy of one prepared world; an ``AuthorizationError`` means refused, anything
/// else (success, or a refusal by another rule) means the principal got past authorisation.
@Suite("R-ID-4: the authorisation table")
struct AuthorizationTableTests {
    struct Cell: Sendable, CustomTestStringConvertible {
        let operation: String
        let kind: AuthorizationTable.Kind
        let allowed: Bool
        var testDescription: String { "\(operation) as \(kind.rawValue) → \(allowed ? "allowed" : "refused")" }
    }

    static let cells: [Cell] = AuthorizationTable.rows.flatMap { row in
        AuthorizationTable.Kind.allCases.map { Cell(operation: row.operation, kind: $0, allowed: row.allow.allows($0)) }
    }

    @Test("R-ID-4: every row has a call and every call a row; no row twice")
    func complete() {
        let names = AuthorizationTable.rows.map(\.operation)
        #expect(Set(names).count == names.count)
        #expect(Set(names) == Set(Self.calls.keys))
        #expect(names.count >= 60)
    }

    @Test("R-ID-4: one cell of the table", arguments: cells)
    func cell(_ cell: Cell) async throws {
        let world = try await TableWorldCache.shared.world()
        let env = TestEnvironment(store: world.store.copy(), ids: .incrementing(tag: "cell"))
        let call = try #require(Self.calls[cell.operation], "no call for \(cell.operation)")
        let principal = world.principal(cell.kind)
        var refused = false
        do {
            try await call(env, world, principal)
        } catch let error as AuthorizationError {
            refused = true
            _ = error
        } catch {
            refused = false // another rule refused: the principal was authorised
        }
        #expect(refused == !cell.allowed, "\(cell.testDescription), but it was \(refused ? "refused" : "allowed")")
    }

    typealias Call = @Sendable (TestEnvironment, TableWorld, Principal) async throws -> Void

    static let calls: [String: Call] = [
        "AccountService.account(_:as:)": { env, w, p in _ = try await env.accounts.account(w.accountHere, as: p) },
        "AccountService.addUser(to:name:email:language:role:idempotencyKey:as:)": { env, w, p in
            _ = try await env.accounts.addUser(to: w.accountHere, name: "Nils", email: "nils@berg.example", as: p) },
        "AccountService.removeUser(_:from:as:)": { env, w, p in try await env.accounts.removeUser(w.userHere, from: w.accountHere, as: p) },
        "AccountService.setElectronicAddress(_:of:as:)": { env, w, p in
            _ = try await env.accounts.setElectronicAddress(ElectronicAddress(scheme: "0007", identifier: "5567321707"), of: w.accountHere, as: p) },
        "AccountService.account(as:)": { env, _, p in _ = try await env.accounts.account(as: p) },
        "AccountService.account(withEmail:as:)": { env, _, p in _ = try await env.accounts.account(withEmail: "ulla@berg.example", as: p) },
        "AccountService.user(as:)": { env, _, p in _ = try await env.accounts.user(as: p) },
        "AccountService.user(withEmail:as:)": { env, _, p in _ = try await env.accounts.user(withEmail: "ulla@berg.example", as: p) },
        "AccountService.users(of:as:)": { env, w, p in _ = try await env.accounts.users(of: w.accountHere, as: p) },
        "AuditService.trail(of:as:)": { env, w, p in _ = try await env.services.audit.trail(of: w.applicationHere, as: p) },
        "AuditService.verify(_:as:)": { env, w, p in _ = try await env.services.audit.verify(w.applicationHere, as: p) },
        "AuditService.verifyAll(as:)": { env, _, p in _ = try await env.services.audit.verifyAll(as: p) },
        "BankPaymentService.creditorReferences(in:)": { _, _, _ in _ = BankPaymentService.creditorReferences(in: "RF18539007547034") },
        "BankPaymentService.recordIncomingPayment(amount:reference:receivedOn:as:)": { env, _, p in
            _ = try await env.bankPayments.recordIncomingPayment(amount: Money(10, .eur), reference: "RF18539007547034",
                                                                 receivedOn: CalendarDay(env.clock.now, in: env.context.policy.timeZone), as: p) },
        "BankPaymentService.unmatchedPayments(as:)": { env, _, p in _ = try await env.bankPayments.unmatchedPayments(as: p) },
        "CardChargeService.chargeDueInvoices(as:)": { env, _, p in _ = try await env.cardCharges.chargeDueInvoices(as: p) },
        "CardChargeService.nextDue(after:)": { env, _, _ in _ = try await env.cardCharges.nextDue(after: env.clock.now) },
        "CardChargeService.runOnce(as:)": { env, _, p in _ = try await env.cardCharges.runOnce(as: p) },
        "GuidanceService.accountFacts(_:as:)": { env, w, p in _ = try await env.guidance.accountFacts(w.accountHere, as: p) },
        "GuidanceService.applicationFacts(_:as:)": { env, w, p in _ = try await env.guidance.applicationFacts(w.applicationHere, as: p) },
        "GuidanceService.nextSteps(forAccount:as:in:)": { env, w, p in
            _ = try await env.guidance.nextSteps(forAccount: w.accountHere, as: p, in: .english) },
        "GuidanceService.nextSteps(forApplication:as:in:)": { env, w, p in
            _ = try await env.guidance.nextSteps(forApplication: w.applicationHere, as: p, in: .english) },
        "InvoicingService.howToPay(_:in:)": { env, w, _ in
            for invoice in try await env.store.fetchAll(Invoice.self).map(\.record) { _ = env.invoicing.howToPay(invoice, in: .english) }
            _ = w },
        "InvoiceDocumentService.document(of:in:language:as:)": { env, w, p in _ = try await env.invoiceDocuments.document(of: "invoice-x", in: w.accountHere, as: p) },
        "InvoiceDocumentService.pdf(of:in:language:as:)": { env, w, p in _ = try await env.invoiceDocuments.pdf(of: "invoice-x", in: w.accountHere, as: p) },
        "InvoiceDocumentService.text(of:in:language:as:)": { env, w, p in _ = try await env.invoiceDocuments.text(of: "invoice-x", in: w.accountHere, as: p) },
        "InvoiceDocumentService.ubl(of:in:as:)": { env, w, p in _ = try await env.invoiceDocuments.ubl(of: "invoice-x", in: w.accountHere, as: p) },
        "InvoiceDocumentService.document(ofCreditNote:in:language:as:)": { env, w, p in
            _ = try await env.invoiceDocuments.document(ofCreditNote: "credit-note-x", in: w.accountHere, as: p) },
        "InvoiceDocumentService.pdf(ofCreditNote:in:language:as:)": { env, w, p in
            _ = try await env.invoiceDocuments.pdf(ofCreditNote: "credit-note-x", in: w.accountHere, as: p) },
        "InvoiceDocumentService.text(ofCreditNote:in:language:as:)": { env, w, p in
            _ = try await env.invoiceDocuments.text(ofCreditNote: "credit-note-x", in: w.accountHere, as: p) },
        "InvoiceDocumentService.ubl(ofCreditNote:in:as:)": { env, w, p in
            _ = try await env.invoiceDocuments.ubl(ofCreditNote: "credit-note-x", in: w.accountHere, as: p) },
        "InvoicingService.invoices(of:as:)": { env, w, p in _ = try await env.invoicing.invoices(of: w.accountHere, as: p) },
        "InvoicingService.issueDueInvoices(as:)": { env, _, p in _ = try await env.invoicing.issueDueInvoices(as: p) },
        "InvoicingService.nextDue(after:)": { env, _, _ in _ = try await env.invoicing.nextDue(after: env.clock.now) },
        "InvoicingService.runOnce(as:)": { env, _, p in _ = try await env.invoicing.runOnce(as: p) },
        "InvoicingService.voidInvoice(_:reason:as:)": { env, _, p in _ = try await env.invoicing.voidInvoice("no-such-invoice", reason: "test", as: p) },
        "InvoicingService.recordChargeback(of:chargebackID:amount:reason:as:)": { env, _, p in
            _ = try await env.invoicing.recordChargeback(of: "no-such-invoice", chargebackID: "cb-1", amount: Money(1, .eur), reason: "test", as: p)
        },
        "InvoicingService.creditNotes(of:as:)": { env, w, p in _ = try await env.invoicing.creditNotes(of: w.accountHere, as: p) },
        "InvoicingService.issueCreditNote(for:lines:reason:as:)": { env, _, p in
            _ = try await env.invoicing.issueCreditNote(for: "no-such-invoice", reason: "test", as: p)
        },
        "InvoicingService.unpaidInvoices(of:as:)": { env, w, p in _ = try await env.invoicing.unpaidInvoices(of: w.accountHere, as: p) },
        "RefundService.refund(_:as:)": { env, _, p in _ = try await env.refunds(InMemoryPaymentGateway()).refund("no-such-credit-note", as: p) },
        "RefundService.recordBankRefund(_:reference:as:)": { env, _, p in
            _ = try await env.services.refunds.recordBankRefund("no-such-credit-note", reference: "BANK-1", as: p)
        },
        "MailDispatcher.dispatchPending(limit:)": { env, _, _ in _ = try await env.mailDispatcher.dispatchPending(limit: 1) },
        "MailDispatcher.nextDue(after:)": { env, _, _ in _ = try await env.mailDispatcher.nextDue(after: env.clock.now) },
        "MailDispatcher.nextDueDate()": { env, _, _ in _ = try await env.mailDispatcher.nextDueDate() },
        "MailDispatcher.runOnce(as:)": { env, _, p in _ = try await env.mailDispatcher.runOnce(as: p) },
        "MembershipService.cancelAtPeriodEnd(of:reason:note:as:)": { env, w, p in
            _ = try await env.membership.cancelAtPeriodEnd(of: w.accountHere, reason: .other, as: p)
        },
        "MembershipService.changePaymentMethod(of:to:as:)": { env, w, p in
            _ = try await env.membership.changePaymentMethod(of: w.accountHere, to: .bankTransfer, as: p)
        },
        "MembershipService.undoCancellation(of:as:)": { env, w, p in _ = try await env.membership.undoCancellation(of: w.accountHere, as: p) },
        "MembershipService.currentMembership(of:as:)": { env, w, p in _ = try await env.membership.currentMembership(of: w.accountHere, as: p) },
        "MembershipService.levels(of:as:)": { env, w, p in _ = try await env.membership.levels(of: w.accountHere, as: p) },
        "MembershipService.memberships(of:as:)": { env, w, p in _ = try await env.membership.memberships(of: w.accountHere, as: p) },
        "MembershipService.purchase(_:idempotencyKey:as:)": { env, w, p in
            _ = try await env.membership.purchase(PurchaseRequest(accountID: w.accountHere, level: .gold, paymentMethod: .card, termsVersion: Fixtures.termsVersion), as: p) },
        "MigrationService.availability(of:as:)": { env, w, p in _ = try await env.migration.availability(of: w.accountHere, as: p) },
        "MigrationService.migrate(_:as:)": { env, w, p in _ = try await env.migration.migrate(w.accountHere, as: p) },
        "MigrationService.previousMembershipNumbers(of:as:)": { env, w, p in
            _ = try await env.migration.previousMembershipNumbers(of: w.accountHere, as: p) },
        "OnboardingService.addEvidence(to:kind:fileName:bytes:as:)": { env, w, p in
            _ = try await env.onboarding.addEvidence(to: w.applicationHere, kind: .companyInvoice, fileName: "b.pdf", bytes: Fixtures.pdf, as: p) },
        "OnboardingService.application(_:as:)": { env, w, p in _ = try await env.onboarding.application(w.applicationHere, as: p) },
        "OnboardingService.createApplication(_:as:)": { env, _, p in _ = try await env.onboarding.createApplication(TableWorld.formHere, as: p) },
        "OnboardingService.evidence(of:as:)": { env, w, p in _ = try await env.onboarding.evidence(of: w.applicationHere, as: p) },
        "OnboardingService.removeEvidence(_:from:as:)": { env, w, p in
            _ = try await env.onboarding.removeEvidence(w.documentHere, from: w.applicationHere, as: p) },
        "OnboardingService.submit(_:as:)": { env, w, p in _ = try await env.onboarding.submit(w.applicationHere, as: p) },
        "PasswordResetJob.nextDue(after:)": { env, _, _ in _ = try await env.services.passwordResets.nextDue(after: env.clock.now) },
        "PasswordResetJob.runOnce(as:)": { env, _, p in _ = try await env.services.passwordResets.runOnce(as: p) },
        "PasswordResetJob.runPending(as:)": { env, _, p in _ = try await env.services.passwordResets.runPending(as: p) },
        "PasswordService.requestPasswordReset(email:)": { env, _, _ in _ = try await env.passwords.requestPasswordReset(email: "ulla@berg.example") },
        "PasswordService.setPassword(token:newPassword:)": { env, _, _ in
            _ = try await env.passwords.setPassword(token: String(repeating: "A", count: 40), newPassword: "Ljus-och-bild-2026") },
        "PasswordService.signIn(email:password:clientKey:)": { env, _, _ in _ = try await env.passwords.signIn(email: "ulla@berg.example", password: "x") },
        "EvidenceRetentionJob.nextDue(after:)": { env, _, _ in _ = try await env.services.retention.nextDue(after: env.clock.now) },
        "EvidenceRetentionJob.run(as:)": { env, _, p in _ = try await env.services.retention.run(as: p) },
        "EvidenceRetentionJob.runOnce(as:)": { env, _, p in _ = try await env.services.retention.runOnce(as: p) },
        "PrivacyService.exportAccount(_:as:)": { env, w, p in _ = try await env.services.privacy.exportAccount(w.accountHere, as: p) },
        "PrivacyService.exportApplicant(email:as:)": { env, _, p in
            _ = try await env.services.privacy.exportApplicant(email: try EmailAddress(TableWorld.formHere.contactEmail), as: p) },
        "PrivacyService.erase(email:as:)": { env, _, p in
            _ = try await env.services.privacy.erase(email: try EmailAddress("ulla@berg.example"), as: p) },
        "PrivacyService.eraseAccount(_:as:)": { env, w, p in _ = try await env.services.privacy.eraseAccount(w.accountHere, as: p) },
        "PrivacyService.rectify(_:_:as:)": { env, w, p in
            _ = try await env.services.privacy.rectify(w.userHere, Rectification(name: "Ulla Ny"), as: p) },
        "PrivacyService.legalHolds(as:)": { env, _, p in _ = try await env.services.privacy.legalHolds(as: p) },
        "PrivacyService.liftLegalHold(on:as:)": { env, w, p in try await env.services.privacy.liftLegalHold(on: w.applicationHere, as: p) },
        "PrivacyService.placeLegalHold(on:reason:as:)": { env, w, p in
            try await env.services.privacy.placeLegalHold(on: w.applicationHere, reason: "Case 1", as: p) },
        "PaymentFollowUpService.nextDue(after:)": { env, _, _ in _ = try await env.paymentFollowUp.nextDue(after: env.clock.now) },
        "PaymentFollowUpService.run(as:)": { env, _, p in _ = try await env.paymentFollowUp.run(as: p) },
        "PaymentFollowUpService.runOnce(as:)": { env, _, p in _ = try await env.paymentFollowUp.runOnce(as: p) },
        "RenewalService.nextDue(after:)": { env, _, _ in _ = try await env.renewals.nextDue(after: env.clock.now) },
        "RenewalService.run(as:)": { env, _, p in _ = try await env.renewals.run(as: p) },
        "RenewalService.runOnce(as:)": { env, _, p in _ = try await env.renewals.runOnce(as: p) },
        "ProductService.complete(_:on:with:as:)": { env, w, p in
            _ = try await env.products.complete(w.productHere, on: w.accountHere, with: ProductUpdate(dealer: "Foto Berlin"), as: p) },
        "ProductService.ledger(of:as:)": { env, w, p in _ = try await env.products.ledger(of: w.accountHere, as: p) },
        "ProductService.list(of:includingRemoved:as:)": { env, w, p in _ = try await env.products.list(of: w.accountHere, as: p) },
        "ProductService.points(of:as:)": { env, w, p in _ = try await env.products.points(of: w.accountHere, as: p) },
        "ProductService.product(_:of:as:)": { env, w, p in _ = try await env.products.product(w.productHere, of: w.accountHere, as: p) },
        "ProductService.register(_:on:idempotencyKey:as:)": { env, w, p in
            _ = try await env.products.register(TableWorld.product("CELL-0001"), on: w.accountHere, as: p) },
        "ProductService.remove(_:from:reason:as:)": { env, w, p in
            _ = try await env.products.remove(w.productHere, from: w.accountHere, reason: .sold, as: p) },
        "ProductService.revalue(model:to:reason:as:)": { env, _, p in
            _ = try await env.products.revalue(model: "EOS R3", to: 100, reason: "end of service life", as: p) },
        "ReviewService.approve(_:as:)": { env, w, p in _ = try await env.review.approve(w.applicationHere, as: p) },
        "ReviewService.evidenceFile(_:of:as:)": { env, w, p in _ = try await env.review.evidenceFile(w.documentHere, of: w.applicationHere, as: p) },
        "ReviewService.overdue(as:)": { env, _, p in _ = try await env.review.overdue(as: p) },
        "ReviewService.queue(as:)": { env, _, p in _ = try await env.review.queue(as: p) },
        "ReviewService.recordVisibleFields(_:on:of:as:)": { env, w, p in
            _ = try await env.review.recordVisibleFields(Fixtures.visibleFields(of: TableWorld.formHere), on: w.documentHere,
                                                         of: w.applicationHere, as: p) },
        "ReviewService.reject(_:reasons:as:)": { env, w, p in _ = try await env.review.reject(w.applicationHere, reasons: "no", as: p) },
        "ReviewService.requestMoreInformation(_:message:as:)": { env, w, p in
            _ = try await env.review.requestMoreInformation(w.applicationHere, message: "more", as: p) },
        "ReviewService.startReview(_:as:)": { env, w, p in _ = try await env.review.startReview(w.applicationHere, as: p) },
        "ReviewerService.add(name:email:as:)": { env, _, p in _ = try await env.services.reviewers.add(name: "Rut", email: "rut@canon-europe.example", as: p) },
        "ReviewerService.list(as:)": { env, _, p in _ = try await env.services.reviewers.list(as: p) },
        "ReviewerService.remove(email:as:)": { env, _, p in try await env.services.reviewers.remove(email: TableWorld.storedReviewer, as: p) },
        "ReviewerService.setPassword(_:forReviewer:as:)": { env, _, p in
            try await env.services.reviewers.setPassword("Granska-2026-ok", forReviewer: TableWorld.storedReviewer, as: p) },
        "ReviewerService.signIn(email:password:clientKey:)": { env, _, _ in _ = try await env.services.reviewers.signIn(email: TableWorld.storedReviewer, password: "x") },
    ]
}

/// The prepared world every cell copies: application A (submitted, by Anna) and B (a draft, by Bo),
/// account X (the account of the row: a superuser and a user, one product) and account Y (another).
struct TableWorld: Sendable {
    let store: InMemoryRecordStore
    let applicationHere: BusinessAccountApplication.ID, documentHere: EvidenceDocument.ID
    let accountHere: BusinessAccount.ID, superuserHere: AccountUser.ID, userHere: AccountUser.ID, productHere: ProductRegistration.ID
    let superuserElsewhere: AccountUser.ID, userElsewhere: AccountUser.ID

    static let formHere = Fixtures.swedishForm
    static let applicantElsewhere = "bo@brev.example"
    static let storedReviewer = "rita@canon-europe.example"

    static func product(_ serial: String) -> ProductForm {
        ProductForm(model: "EOS R3", serialNumber: serial, purchaseDate: "2025-06", countryOfPurchase: "SE", dealer: "Foto Stockholm")
    }

    func principal(_ kind: AuthorizationTable.Kind) -> Principal {
        switch kind {
        case .applicantHere: .applicant((try? EmailAddress(Self.formHere.contactEmail)) ?? TestEnvironment.reviewerRecord.email)
        case .applicantElsewhere: .applicant((try? EmailAddress(Self.applicantElsewhere)) ?? TestEnvironment.reviewerRecord.email)
        case .reviewer: TestEnvironment.reviewer
        case .system: .system("authorization-table")
        case .userHere: .accountUser(userHere)
        case .superuserHere: .accountUser(superuserHere)
        case .userElsewhere: .accountUser(userElsewhere)
        case .superuserElsewhere: .accountUser(superuserElsewhere)
        }
    }

    static func prepare() async throws -> TableWorld {
        let store = InMemoryRecordStore()
        let env = TestEnvironment(store: store)
        func account(_ company: String, _ email: String, _ user: String) async throws -> (BusinessAccount.ID, AccountUser.ID, AccountUser.ID) {
            var form = Fixtures.swedishNonVATForm
            form.companyName = company
            form.contactEmail = email
            let active = try await env.activeAccount(form)
            let added = try await env.accounts.addUser(to: active.account.id, name: "User", email: user, as: active.principal)
            let token = try #require(try await env.latestToken("userInvited", to: try EmailAddress(user)))
            _ = try await env.passwords.setPassword(token: token, newPassword: "Ljus-och-bild-2026")
            return (active.account.id, active.superuser.id, added.id)
        }
        let (accountX, superX, userX) = try await account("Berg Foto", "erik@berg.example", "ulla@berg.example")
        let (_, superY, userY) = try await account("Ystad Bild", "ylva@ystad.example", "yngve@ystad.example")
        let product = try await env.products.register(product("WORLD-0001"), on: accountX, as: .accountUser(userX))
        let anna = Principal.applicant(try EmailAddress(formHere.contactEmail))
        let application = try await env.onboarding.createApplication(formHere, as: anna)
        let document = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "f.pdf",
                                                            bytes: Fixtures.pdf, as: anna)
        _ = try await env.onboarding.submit(application.id, as: anna)
        var other = Fixtures.swedishNonVATForm
        other.companyName = "Bo Brev"
        other.contactEmail = applicantElsewhere
        _ = try await env.onboarding.createApplication(other, as: .applicant(try EmailAddress(applicantElsewhere)))
        _ = try await env.services.reviewers.add(name: "Rita", email: storedReviewer, as: .system("setup"))
        return TableWorld(store: store, applicationHere: application.id, documentHere: document.id, accountHere: accountX,
                     superuserHere: superX, userHere: userX, productHere: product.registration.id,
                     superuserElsewhere: superY, userElsewhere: userY)
    }
}

/// Prepares the world once for all cells.
actor TableWorldCache {
    static let shared = TableWorldCache()
    private var task: Task<TableWorld, any Error>?

    func world() async throws -> TableWorld {
        if let task { return try await task.value }
        let task = Task { try await TableWorld.prepare() }
        self.task = task
        return try await task.value
    }
}
