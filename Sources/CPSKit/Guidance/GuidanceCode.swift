/// The stable code of one next step (R-GUIDE-1), e.g. `products.migrateAvailable`.
///
/// A portal switches on the code (to show a button, an icon, a link to "My products"); people read the
/// step's rendered text. Codes never change meaning; a new kind of step is a new code. The full list
/// with each code's facts is in `Documentation/Guidance.md`.
public struct GuidanceCode: Hashable, Sendable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The dotted code.
    public let rawValue: String

    /// Creates a code (R-GUIDE-1).
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// Creates a code from a literal (R-GUIDE-1).
    public init(stringLiteral value: String) { rawValue = value }

    /// The code itself (R-GUIDE-1).
    public var description: String { rawValue }

    /// Decodes a code from its string (R-GUIDE-1).
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }

    /// Encodes the code as its string (R-GUIDE-1).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    // MARK: - Application (seed: business account step 1–5)

    /// R-ACC-1: confirm the authority to give the company's details before submitting.
    public static let attest: GuidanceCode = "application.attest"
    /// R-DOC-1/2/6: an evidence requirement that is not yet satisfied, what it asks and what is unmet.
    public static let provideEvidence: GuidanceCode = "application.provideEvidence"
    /// R-VAL-1: the draft is ready to be submitted.
    public static let submit: GuidanceCode = "application.submit"
    /// R-VAL-2: validation runs; the expected decision date.
    public static let awaitValidation: GuidanceCode = "application.awaitValidation"
    /// R-VAL-2: the expected decision date has passed without a decision.
    public static let validationDelayed: GuidanceCode = "application.validationDelayed"
    /// R-PWD-1: no password can be set before the account exists.
    public static let doNotResetPasswordYet: GuidanceCode = "password.doNotResetYet"
    /// R-VAL-1: the reviewer asked for more information.
    public static let provideMoreInformation: GuidanceCode = "application.provideMoreInformation"
    /// R-VAL-1, R-VAL-2: submit again after more information; the SLA starts again.
    public static let resubmit: GuidanceCode = "application.resubmit"
    /// R-VAL-1: the application was rejected, with the reasons.
    public static let rejected: GuidanceCode = "application.rejected"
    /// R-VAL-3, R-PWD-1: the account exists; set the password from the automatic e-mail.
    public static let setPasswordFromEmail: GuidanceCode = "password.setFromEmail"
    /// R-PWD-3: the account is active; sign in.
    public static let signIn: GuidanceCode = "account.signIn"

    // MARK: - Products, migration, points (seed: activation step 1–3)

    /// R-PRD-2: register products under "My products".
    public static let registerProducts: GuidanceCode = "products.register"
    /// R-MIG-1: "MIGRATE PRODUCTS" is available.
    public static let migrateAvailable: GuidanceCode = "products.migrateAvailable"
    /// R-MIG-1: "MIGRATE PRODUCTS" is not available, why, and the two ways on.
    public static let migrateUnavailable: GuidanceCode = "products.migrateUnavailable"
    /// R-PRD-3: products without a green tick, per missing field ("View product").
    public static let completeMissing: GuidanceCode = "products.completeMissing"
    /// R-INV-1: points still missing to the invitation.
    public static let pointsToInvitation: GuidanceCode = "points.toInvitation"
    /// R-TIER-1: points still missing to an individual level.
    public static let pointsToLevel: GuidanceCode = "points.toLevel"
    /// R-TIER-2: points still missing to open the business levels.
    public static let pointsToBusinessLevels: GuidanceCode = "points.toBusinessLevels"

    // MARK: - Levels, membership, payment (seed: activation step 3–4)

    /// R-INV-1, R-TIER-1: invited; choose a level under "Available CPS levels".
    public static let chooseLevel: GuidanceCode = "levels.choose"
    /// R-TIER-2, R-TIER-3: the ON/OFF switch between business and Silver/Gold/Platinum levels.
    public static let businessSwitch: GuidanceCode = "levels.businessSwitch"
    /// R-BIL-2: a purchase waits for its invoice (within a few hours).
    public static let awaitInvoice: GuidanceCode = "invoice.awaitIssue"
    /// R-BIL-3: the card is charged on the invoice's due date.
    public static let cardChargedOnDueDate: GuidanceCode = "invoice.cardChargedOnDueDate"
    /// R-BIL-1, R-BIL-4: pay by bank transfer by the due date with the RF reference.
    public static let payByBankTransfer: GuidanceCode = "invoice.payByBankTransfer"
    /// R-BIL-2…4: the invoice is past its due date and still open.
    public static let invoiceOverdue: GuidanceCode = "invoice.overdue"
    /// R-MEM-1: the membership is active and usable.
    public static let membershipActive: GuidanceCode = "membership.active"
    /// R-MEM-2: the membership number changed (old CPS or an earlier term).
    public static let membershipNumberChanged: GuidanceCode = "membership.numberChanged"
    /// R-BIL-3: the membership is suspended until its invoice is paid.
    public static let membershipSuspended: GuidanceCode = "membership.suspended"
    /// R-LIFE-2: the last term ended without a renewal; buying again starts a new term.
    public static let membershipExpired: GuidanceCode = "membership.expired"
    /// R-LIFE-3: the last term ended after a cancellation; buying again starts a new term.
    public static let membershipCancelled: GuidanceCode = "membership.cancelled"
    /// R-LIFE-3: the term is cancelled at its end and will not renew; the superuser may undo it until then.
    public static let membershipEndsAtTermEnd: GuidanceCode = "membership.endsAtTermEnd"
    /// R-LIFE-1: the term is inside its renewal window (expiry − the notice days): whether and how it
    /// renews (`renewing.card`, `renewing.bankTransfer`, `notRenewing`).
    public static let renewalDue: GuidanceCode = "membership.renewalDue"
    /// R-LIFE-5: the account holds credit (a credit note's, an over-payment's, a refused refund's); it
    /// is taken off the next invoice.
    public static let creditIssued: GuidanceCode = "billing.creditIssued"

    /// Every code, in the order a portal lists steps of the same urgency (R-GUIDE-1).
    public static let all: [GuidanceCode] = [
        .attest, .provideEvidence, .submit, .awaitValidation, .validationDelayed, .doNotResetPasswordYet,
        .provideMoreInformation, .resubmit, .rejected, .setPasswordFromEmail, .signIn,
        .membershipSuspended, .invoiceOverdue, .payByBankTransfer, .cardChargedOnDueDate, .awaitInvoice,
        .registerProducts, .migrateAvailable, .migrateUnavailable, .completeMissing,
        .pointsToInvitation, .chooseLevel, .businessSwitch, .pointsToLevel, .pointsToBusinessLevels,
        .membershipActive, .renewalDue, .membershipNumberChanged, .membershipEndsAtTermEnd, .membershipExpired, .membershipCancelled,
        .creditIssued,
    ]
}
