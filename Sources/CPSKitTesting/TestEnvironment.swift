import CPSKit
import Foundation

/// A deterministic CPSKit set-up for tests (R-ADP-3): a ``TestClock``, incrementing IDs
/// (`application-1`, `mail-1`, …), seeded randomness, an in-memory store and identity provider, and
/// the services built on them. Two environments made the same way behave identically.
///
/// Passwords are hashed with the low-cost policy (``PasswordPolicy/lowCostIterations``, R-ID-1)
/// unless `hashIterations` says otherwise, and every derivation is counted in ``kdf``.
///
/// ```swift
/// let env = TestEnvironment()
/// let account = try await env.activeAccount()
/// let mails = try await env.sentMails()
/// ```
public struct TestEnvironment: Sendable {
    /// The clock; move it with `advance`.
    public let clock: TestClock
    /// The store (in memory unless given).
    public let store: any RecordStore
    /// The identity provider.
    public let identity: InMemoryIdentityProvider
    /// Every password derivation of ``identity`` (R-ID-2).
    public let kdf: KDFCounter
    /// The context the services use: every adapter below, incrementing IDs, seeded randomness, a
    /// recording event sink and a sleeper that records and returns at once.
    public let context: CPSContext
    /// The old CPS directory the migration service asks (R-MIG-1); empty until a test adds accounts.
    public let legacyDirectory: InMemoryLegacyCPSDirectory
    /// The card processor in the context (R-BIL-3): ``InMemoryPaymentGateway`` unless given.
    public let gateway: any PaymentGateway
    /// The mail transport in the context (R-ADP-2); the mail dispatcher delivers here.
    public let mailbox: InMemoryMailbox
    /// Every event the context emitted (R-UOW-3).
    public let events: RecordingEventSink
    /// Every retry delay asked for (R-UOW-1).
    public let sleeper: RecordingSleeper
    /// The token keys in the context (R-ID-3): ``TokenKeys/generated(seed:keyID:)`` unless given.
    public let tokenKeys: TokenKeys

    /// A fresh environment at `start` (default Friday 27 November 2026, 10:00 in Stockholm).
    ///
    /// A `policy` that does not validate is a mistake in the test: the environment stops with its
    /// ``PolicyError``. `ids` defaults to incrementing IDs (`application-1`, …); over a store another
    /// environment filled, pass `.incrementing(tag:)` so IDs never collide. `hashIterations` replaces
    /// the policy's `passwords.hashIterations` (default the low-cost 1,000; nil keeps the policy's).
    public init(start: String = "2026-11-27T10:00:00+01:00", store: any RecordStore = InMemoryRecordStore(),
                policy: CPSPolicy = .canonEurope, seed: UInt64 = 42, calendars: CalendarLookup? = nil,
                gateway: (any PaymentGateway)? = nil, ids: IDGenerator? = nil, tokenKeys: TokenKeys? = nil,
                hashIterations: Int? = PasswordPolicy.lowCostIterations) {
        clock = TestClock(iso: start)
        self.store = store
        var policy = policy
        if let hashIterations { policy.passwords.hashIterations = hashIterations }
        let random = RandomSource(SeededRandomNumberGenerator(seed: seed))
        let kdf = KDFCounter()
        self.kdf = kdf
        identity = InMemoryIdentityProvider(random: random, hasher: PasswordHasher(policy: policy.passwords, observer: kdf.observer))
        legacyDirectory = InMemoryLegacyCPSDirectory()
        let gateway = gateway ?? InMemoryPaymentGateway()
        self.gateway = gateway
        mailbox = InMemoryMailbox()
        events = RecordingEventSink()
        sleeper = RecordingSleeper()
        let tokenKeys = tokenKeys ?? .generated()
        self.tokenKeys = tokenKeys
        do {
            context = try CPSContext(store: store, identity: identity, tokenKeys: tokenKeys,
                                     reviewers: ReviewerDirectory(listed: [Self.reviewerRecord, Self.secondReviewerRecord]), policy: policy, time: clock.source, ids: ids ?? .incrementing(),
                                     random: random, calendars: calendars, paymentGateway: gateway,
                                     legacyDirectory: legacyDirectory, mailTransport: mailbox, events: events.sink,
                                     sleeper: sleeper.sleeper)
        } catch {
            fatalError("TestEnvironment: the policy does not validate: \(error)")
        }
    }

    /// Every service and job over ``context`` (the production facade).
    public var services: CPSServices { CPSServices(context) }
    /// The onboarding service.
    public var onboarding: OnboardingService { services.onboarding }
    /// The review service.
    public var review: ReviewService { services.review }
    /// The password service.
    public var passwords: PasswordService { services.passwords }
    /// The account service.
    public var accounts: AccountService { services.accounts }
    /// The product service (R-PRD-1…5).
    public var products: ProductService { services.products }
    /// The migration service over ``legacyDirectory`` (R-MIG-1…3).
    public var migration: MigrationService { services.migration }
    /// The guidance service (R-GUIDE-1).
    public var guidance: GuidanceService { services.guidance }

    /// The membership service: levels and purchases (R-TIER-1…3, R-MEM-1, R-MEM-2).
    public var membership: MembershipService { services.membership }
    /// The issue-invoices job and invoice reading (R-BIL-2, R-BIL-5).
    public var invoicing: InvoicingService { services.invoicing }
    /// ``CPSServices/invoiceDocuments``.
    public var invoiceDocuments: InvoiceDocumentService { services.invoiceDocuments }
    /// Incoming bank transfers (R-BIL-4).
    public var bankPayments: BankPaymentService { services.bankPayments }
    /// The reminder and suspension job (R-BIL-3, R-BIL-4).
    public var paymentFollowUp: PaymentFollowUpService { services.paymentFollowUp }
    /// The due-charges job over ``gateway`` (R-BIL-3).
    public var cardCharges: CardChargeService { services.cardCharges }
    /// The renewals job (R-LIFE-1, R-LIFE-2).
    public var renewals: RenewalService { services.renewals }
    /// The due-charges job over another `gateway` (R-BIL-3), e.g. a fault-injecting one.
    public func cardCharges(_ gateway: any PaymentGateway) -> CardChargeService {
        var context = self.context
        context.paymentGateway = gateway
        return CardChargeService(context)
    }
    /// The refunds over `gateway` (R-LIFE-5).
    public func refunds(_ gateway: any PaymentGateway) -> RefundService {
        var context = self.context
        context.paymentGateway = gateway
        return RefundService(context)
    }
    /// The mail dispatcher over ``mailbox`` (R-ADP-2).
    public var mailDispatcher: MailDispatcher { MailDispatcher(context, transport: mailbox) }

    /// The principal of the billing jobs.
    public static let billingJob = Principal.system("billing")

    /// Sets the account's points and complete registrations to known facts (R-PTS-1), so that tests of
    /// levels and purchases start from them. It goes through the ledger: one ``LedgerEntry`` of kind
    /// ``LedgerEntry/Kind/adjusted`` (ID from the context's generator, prefix `ledger-adjustment`)
    /// carries the difference, in the same batch as the ``PointsBalance``, so the balance stays the
    /// sum of its entries. Unlike a service it sends no invitation (R-INV-1) and writes no audit.
    public func setPoints(_ points: Int, completeRegistrations: Int = 0, for accountID: BusinessAccount.ID) async throws {
        let stored = try await store.fetch(PointsBalance.self, id: accountID)
        var balance = stored?.record ?? PointsBalance(accountID: accountID)
        let entry = LedgerEntry(id: context.ids.next("ledger-adjustment"), accountID: accountID, registrationID: "",
                                kind: .adjusted, points: points - balance.points,
                                completeRegistrationsDelta: completeRegistrations - balance.completeRegistrations,
                                at: clock.now, reason: "test.setPoints", actor: .system("test-kit"))
        balance.points = points
        balance.completeRegistrations = completeRegistrations
        balance.entryCount += 1
        var batch = WriteBatch(codec: store.payloadCodec)
        try batch.insert(entry)
        if var stored {
            stored.record = balance
            try batch.update(stored)
        } else {
            try batch.insert(balance)
        }
        try await store.commit(batch)
    }

    /// A reviewer principal: ``reviewerRecord``, listed in the context's reviewer directory.
    public static let reviewer = Principal.reviewer("test-reviewer-1")
    /// A second reviewer principal: ``secondReviewerRecord`` (for two reviewers at once).
    public static let secondReviewer = Principal.reviewer("test-reviewer-2")
    /// The reviewer the environment's directory lists (R-ID-4): ID `test-reviewer-1`,
    /// `reviewer@canon-europe.test`.
    public static let reviewerRecord = listedReviewer("test-reviewer-1", "reviewer@canon-europe.test", "Rita Reviewer")
    /// The second listed reviewer: ID `test-reviewer-2`, `reviewer2@canon-europe.test`.
    public static let secondReviewerRecord = listedReviewer("test-reviewer-2", "reviewer2@canon-europe.test", "Rolf Reviewer")

    private static func listedReviewer(_ id: String, _ email: String, _ name: String) -> Reviewer {
        do {
            return Reviewer(id: Reviewer.ID(id), email: try EmailAddress(email), name: name, addedAt: Date(timeIntervalSince1970: 1_764_000_000))
        } catch {
            fatalError("TestEnvironment: \(error)") // unreachable: a well-formed address
        }
    }

    /// Every mail written to the outbox, in order (delivered or not).
    public func sentMails() async throws -> [MailMessage] {
        try await store.fetchAll(OutboxMail.self).map(\.record.message)
    }

    /// The mails of `template`, in order.
    public func mails(_ template: String) async throws -> [MailMessage] {
        try await store.fetchAll(OutboxMail.self, indexKey: OutboxMail.byTemplate(template)).map(\.record.message)
    }

    /// Runs the password-reset job and the mail dispatcher until nothing is pending (R-ID-3): what a
    /// host's job loop does. Tokens exist only in delivered mail, in ``mailbox``.
    public func deliverMail() async throws {
        while try await services.passwordResets.runOnce(as: .system("test-kit")).hasMore {}
        while try await mailDispatcher.dispatchPending().hasMore {}
    }

    /// The token in the newest *delivered* mail of `template` carrying a link (`…?token=XYZ`): runs
    /// ``deliverMail()`` first, then reads ``mailbox`` — the outbox never holds a link (R-ID-3).
    public func latestToken(_ template: String = "accountReady") async throws -> String? {
        try await deliverMail()
        return Self.token(in: mailbox.messages.last(where: { $0.template == template }))
    }

    /// The token in the newest delivered mail of `template` to `email` carrying a link (after
    /// ``deliverMail()``).
    public func latestToken(_ template: String = "accountReady", to email: EmailAddress) async throws -> String? {
        try await deliverMail()
        return Self.token(in: mailbox.messages(to: email).last(where: { $0.template == template }))
    }

    /// The token of `mail`'s password link, if it has one (``MailMessage/passwordLink``).
    private static func token(in mail: MailMessage?) -> String? { mail?.passwordLink?.token }

    /// The result of taking `form` through the whole first half of the journey: created, evidence
    /// attached, submitted, examined, approved, and the password set.
    public struct ActiveAccount: Sendable {
        /// The account.
        public let account: BusinessAccount
        /// Its superuser.
        public let superuser: AccountUser
        /// The superuser as a principal.
        public let principal: Principal
        /// The password that was set.
        public let password: String
    }

    /// Applies with `form`, gets approved and sets the password (R-ACC-1 … R-PWD-3).
    public func activeAccount(_ form: ApplicationForm = Fixtures.swedishForm,
                              password: String = "Ljus-och-bild-2026") async throws -> ActiveAccount {
        let applicant = Principal.applicant(try EmailAddress(form.contactEmail))
        let application = try await onboarding.createApplication(form, as: applicant)
        let document = try await onboarding.addEvidence(
            to: application.id, kind: form.vatNumber == nil ? .businessLicence : .companyInvoice,
            fileName: "evidence.pdf", bytes: Fixtures.pdf, as: applicant)
        _ = try await onboarding.submit(application.id, as: applicant)
        try await review.recordVisibleFields(Fixtures.visibleFields(of: form), on: document.id, of: application.id,
                                             as: Self.reviewer)
        let approval = try await review.approve(application.id, as: Self.reviewer)
        guard let token = try await latestToken(to: try EmailAddress(form.contactEmail)) else {
            throw TestEnvironmentError("no password link was mailed")
        }
        let user = try await passwords.setPassword(token: token, newPassword: password)
        guard let account = try await store.fetch(BusinessAccount.self, id: approval.account.id) else {
            throw TestEnvironmentError("the account was not stored")
        }
        return ActiveAccount(account: account.record, superuser: user, principal: .accountUser(user.id.rawValue), password: password)
    }
}

/// A step of ``TestEnvironment`` did not go as a test expects.
public struct TestEnvironmentError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    init(_ description: String) { self.description = description }
}
