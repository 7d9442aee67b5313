import Foundation

/// The registry of personal data (R-GDPR-1): every record kind CPSKit stores, with its personal
/// fields, purpose and retention. A test runs the sample journey and the walkthrough and fails when
/// the store holds a kind this registry does not declare; `Documentation/Privacy.md` lists the same
/// table for people.
///
/// A new record kind adds one declaration here (with no fields when it holds no personal data).
public enum PersonalDataRegistry {
    private static let whileAccount = "while the account exists; erased or pseudonymised on erasure (R-GDPR-2)"
    private static let invoiceYears = "the invoice retention years of the seller's country from the end of the issue year (policy, default NL 7), then pseudonymised"

    /// Every declaration, one per kind.
    public static let declarations: [PersonalDataDeclaration] = [
        PersonalDataDeclaration(BusinessAccountApplication.self, fields: [
            PersonalField("companyName", .companyIdentity), PersonalField("vatStatus", .companyIdentity),
            PersonalField("address", .postalAddress), PersonalField("contactName", .name),
            PersonalField("contactEmail", .emailAddress), PersonalField("language", .preference),
            PersonalField("applicantRole", .freeText), PersonalField("oldCPSEmail", .emailAddress),
            PersonalField("documents", .freeText), PersonalField("decisionNote", .freeText),
            PersonalField("vatLookup", .companyIdentity),
        ], purpose: "validating the company and its contact (R-ACC-1…4, R-VAL-1)",
           retention: "while the account exists; of a rejected application a policy period after the decision"),
        PersonalDataDeclaration(EvidenceFile.self, fields: [PersonalField("bytes", .document)],
                                purpose: "the reviewer's examination of the company's documents (R-DOC-1…6)",
                                retention: "a policy number of calendar days after the application's decision (default 90), unless on legal hold"),
        PersonalDataDeclaration(BusinessAccount.self, fields: [
            PersonalField("companyName", .companyIdentity), PersonalField("address", .postalAddress),
            PersonalField("vatStatus", .companyIdentity), PersonalField("oldCPSEmail", .emailAddress),
            PersonalField("vatLookup", .companyIdentity), PersonalField("electronicAddress", .companyIdentity),
        ], purpose: "the membership and its invoices", retention: whileAccount),
        PersonalDataDeclaration(AccountUser.self, fields: [
            PersonalField("name", .name), PersonalField("email", .emailAddress), PersonalField("language", .preference),
        ], purpose: "signing in and mail to the account's people (R-ACC-5)", retention: whileAccount),
        PersonalDataDeclaration(IdentityCredential.self, fields: [PersonalField("hash", .credential)],
                                purpose: "verifying the password (R-ID-1)", retention: "while the user exists; never exported"),
        PersonalDataDeclaration(PasswordToken.self, fields: [PersonalField("nonce", .credential), PersonalField("userID", .actor)],
                                purpose: "the password link (R-ID-3)", retention: "until used or expired (policy hours); never exported"),
        PersonalDataDeclaration(PasswordTokenClaim.self, fields: [],
                                purpose: "one password set per token at a time (R-ID-3)", retention: "until released"),
        PersonalDataDeclaration(PasswordResetRequest.self, fields: [
            PersonalField("target", .actor), PersonalField("addressFingerprint", .keyedFingerprint),
        ], purpose: "answering a reset request without revealing whether the address has an account (R-PWD-1)",
           retention: "while the audit of its answer is kept"),
        PersonalDataDeclaration(SignInThrottleBucket.self, fields: [PersonalField("entries", .keyedFingerprint)],
                                purpose: "slowing password guessing (R-ID-2)", retention: "the throttle window"),
        PersonalDataDeclaration(AuditEntry.self, fields: [
            PersonalField("actor", .actor), PersonalField("personal.reason", .freeText), PersonalField("personal.details", .freeText),
        ], purpose: "who did what, when and why (R-VAL-1), tamper-evident (R-GDPR-3)",
           retention: "with its subject; the personal part is erased on erasure, the chain stays"),
        PersonalDataDeclaration(AuditChainHead.self, fields: [],
                                purpose: "the keyed end of an audit chain (R-GDPR-3)", retention: "with the chain"),
        PersonalDataDeclaration(OutboxMail.self, fields: [
            PersonalField("message.to", .emailAddress), PersonalField("message.body", .message),
            PersonalField("message.facts", .message), PersonalField("message.subject", .message),
        ], purpose: "mail to the applicant and the account's people (R-ADP-2)", retention: whileAccount),
        PersonalDataDeclaration(PointsBalance.self, fields: [],
                                purpose: "the account's points (R-PTS-1)", retention: whileAccount),
        PersonalDataDeclaration(ProductRegistration.self, fields: [
            PersonalField("model", .possession), PersonalField("serial", .possession),
            PersonalField("dealer", .freeText), PersonalField("purchaseDate", .possession),
        ], purpose: "\"My products\" and points (R-PRD-1…5)", retention: whileAccount),
        PersonalDataDeclaration(LedgerEntry.self, fields: [PersonalField("actor", .actor), PersonalField("reason", .freeText)],
                                purpose: "the points ledger (R-PTS-1)", retention: whileAccount),
        PersonalDataDeclaration(LegacyMembership.self, fields: [PersonalField("legacyEmail", .emailAddress)],
                                purpose: "MIGRATE PRODUCTS from the old CPS (R-MIG-1…3)", retention: whileAccount),
        PersonalDataDeclaration(Membership.self, fields: [],
                                purpose: "the account's membership (R-MEM-1)", retention: whileAccount),
        PersonalDataDeclaration(MembershipNumberCounter.self, fields: [],
                                purpose: "membership numbers", retention: "forever (no personal data)"),
        PersonalDataDeclaration(MembershipPurchase.self, fields: [PersonalField("purchasedBy", .actor)],
                                purpose: "the purchase behind an invoice (R-MEM-2)", retention: invoiceYears),
        PersonalDataDeclaration(Invoice.self, fields: [
            PersonalField("customerName", .companyIdentity), PersonalField("customerAddress", .postalAddress),
            PersonalField("vatLookup", .companyIdentity), PersonalField("amounts", .financial),
        ], purpose: "the invoice the law requires to be kept (R-BIL-2)", retention: invoiceYears),
        PersonalDataDeclaration(InvoiceSeriesCounter.self, fields: [],
                                purpose: "gap-free invoice numbers (R-BIL-2)", retention: "forever (no personal data)"),
        PersonalDataDeclaration(ChargeAttempt.self, fields: [PersonalField("amount", .financial), PersonalField("detail", .freeText)],
                                purpose: "card charges (R-BIL-3)", retention: invoiceYears),
        PersonalDataDeclaration(IncomingPayment.self, fields: [PersonalField("referenceText", .freeText), PersonalField("amount", .financial)],
                                purpose: "bank transfers (R-BIL-4)", retention: invoiceYears),
        PersonalDataDeclaration(AccountCredit.self, fields: [PersonalField("amount", .financial)],
                                purpose: "over-payments (R-BIL-4)", retention: invoiceYears),
        PersonalDataDeclaration(CreditNote.self, fields: [PersonalField("amounts", .financial), PersonalField("reason", .freeText),
                                                          PersonalField("issuedBy", .actor)],
                                purpose: "a correction of an issued invoice the law requires to be kept (R-LIFE-5)", retention: invoiceYears),
        PersonalDataDeclaration(Reviewer.self, fields: [PersonalField("name", .name), PersonalField("email", .emailAddress)],
                                purpose: "who may review (R-VAL-1, R-ID-4)", retention: "while the reviewer is listed, then with the audit"),
        PersonalDataDeclaration(LegalHold.self, fields: [PersonalField("reason", .freeText), PersonalField("placedBy", .actor)],
                                purpose: "keeping an application's evidence for a legal case (R-GDPR-2)", retention: "until a reviewer lifts it"),
        PersonalDataDeclaration(IdempotencyRecord.self, fields: [PersonalField("result", .message)],
                                purpose: "answering a repeated request the same way (R-UOW-1)", retention: "the idempotency window"),
    ]

    /// The declaration of `kind`, if the registry has one.
    public static func declaration(for kind: String) -> PersonalDataDeclaration? { byKind[kind] }

    private static let byKind: [String: PersonalDataDeclaration] = Dictionary(declarations.map { ($0.kind, $0) },
                                                                              uniquingKeysWith: { first, _ in first })
}
