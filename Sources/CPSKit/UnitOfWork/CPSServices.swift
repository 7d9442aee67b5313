/// The production facade (R-UOW-1): every service and job of CPSKit, built from one ``CPSContext``.
///
/// ```swift
/// let context = try CPSContext(store: store, identity: identity, tokenKeys: keys, paymentGateway: gateway,
///                              mailTransport: MaildirTransport(directory: maildir))
/// let cps = CPSServices(context)
/// let application = try await cps.onboarding.createApplication(form, as: applicant)
/// for job in cps.jobs { try await job.runOnce(as: .system("jobs")) }
/// ```
///
/// The services are small values over the context; building them is free, and they share nothing but
/// the context's adapters.
public struct CPSServices: Sendable {
    /// The context every service uses.
    public let context: CPSContext

    /// The facade over `context`.
    public init(_ context: CPSContext) { self.context = context }

    /// Applications and evidence (R-ACC-1…4, R-DOC-1…6, R-VAL-1, R-VAL-2).
    public var onboarding: OnboardingService { OnboardingService(context) }
    /// Reviewing and deciding applications (R-VAL-1…3).
    public var review: ReviewService { ReviewService(context) }
    /// Passwords and sign-in (R-PWD-1…3).
    public var passwords: PasswordService { PasswordService(context) }
    /// The job answering password-reset requests (R-PWD-1, R-ID-3).
    public var passwordResets: PasswordResetJob { PasswordResetJob(context) }
    /// The audit trail, for reviewers and the host (R-VAL-1, R-ID-4), and its verifier (R-GDPR-3).
    public var audit: AuditService { AuditService(context) }
    /// Legal holds (R-GDPR-2).
    public var privacy: PrivacyService { PrivacyService(context) }
    /// The retention job: evidence deleted its policy days after the decision (R-GDPR-2).
    public var retention: EvidenceRetentionJob { EvidenceRetentionJob(context) }
    /// The reviewer directory (R-VAL-1, R-ID-4).
    public var reviewers: ReviewerService { ReviewerService(context) }
    /// Accounts and their users (R-ACC-5).
    public var accounts: AccountService { AccountService(context) }
    /// "My products" and points (R-PRD-1…5, R-PTS-1, R-INV-1).
    public var products: ProductService { ProductService(context) }
    /// "MIGRATE PRODUCTS" over the context's legacy directory (R-MIG-1…3).
    public var migration: MigrationService { MigrationService(context) }
    /// Levels and purchases (R-TIER-1…3, R-MEM-1, R-MEM-2).
    public var membership: MembershipService { MembershipService(context) }
    /// The issue-invoices job and invoice reading (R-BIL-2, R-BIL-5).
    public var invoicing: InvoicingService { InvoicingService(context) }
    /// Invoice documents: text, PDF, Peppol UBL (R-IDOC-1, R-IDOC-2).
    public var invoiceDocuments: InvoiceDocumentService { InvoiceDocumentService(context) }
    /// Incoming bank transfers (R-BIL-4).
    public var bankPayments: BankPaymentService { BankPaymentService(context) }
    /// The reminder and suspension job (R-BIL-3, R-BIL-4).
    public var paymentFollowUp: PaymentFollowUpService { PaymentFollowUpService(context) }
    /// The due-charges job over the context's payment gateway (R-BIL-3).
    public var cardCharges: CardChargeService { CardChargeService(context) }
    /// Refunds of credit notes, by card through the gateway or recorded bank transfers (R-LIFE-5).
    public var refunds: RefundService { RefundService(context) }
    /// The renewals job: notices, renewal invoices and term ends (R-LIFE-1, R-LIFE-2).
    public var renewals: RenewalService { RenewalService(context) }
    /// Next steps (R-GUIDE-1).
    public var guidance: GuidanceService { GuidanceService(context) }
    /// The outbox dispatcher over the context's mail transport, `nil` without one (R-ADP-2).
    public var mailDispatcher: MailDispatcher? { context.mailTransport.map { MailDispatcher(context, transport: $0) } }

    /// Every job the context can run (R-UOW-2): password resets, renewals, invoicing, card charges (with
    /// a gateway), payment follow-up, evidence retention (R-GDPR-2), and mail dispatch (with a
    /// transport), in that order. Renewals run before the card charges of the next loop: a renewal
    /// invoice issued on its expiry day is charged by the next card-charge run that day.
    public var jobs: [any CPSJob] {
        var jobs: [any CPSJob] = [passwordResets, renewals, invoicing]
        if context.paymentGateway != nil { jobs.append(cardCharges) }
        jobs.append(paymentFollowUp)
        jobs.append(retention)
        if let mailDispatcher { jobs.append(mailDispatcher) }
        return jobs
    }
}
