/// R-ID-4: the one authorisation table — every public service operation × every principal kind →
/// allowed or refused. One row a line, in this exact form, because two scripts read this file:
/// `.ci/checks/70-authorization-table.sh` compares the rows with the public methods of the services in
/// the symbol graph (a method without a row fails CI), and `Scripts/authorization_table.py` writes
/// Documentation/Security.md's table from it. `AuthorizationTableTests` runs every cell.
///
/// `allow: .open` marks an operation that takes no principal: its credential is in its arguments (a
/// token, a password) or it reveals nothing (a due date, a parser).
enum AuthorizationTable {
    /// A principal kind, relative to the application or account the operation is about.
    enum Kind: String, CaseIterable, Sendable {
        case applicantHere, applicantElsewhere, reviewer, system, userHere, superuserHere, userElsewhere, superuserElsewhere
    }

    /// The kinds a row allows.
    enum Allow: Sendable {
        case only(Set<Kind>)
        case open

        func allows(_ kind: Kind) -> Bool {
            switch self {
            case .open: true
            case .only(let kinds): kinds.contains(kind)
            }
        }
    }

    struct Row: Sendable {
        let operation: String
        let allow: Allow
        init(_ operation: String, allow kinds: Set<Kind>) { self.operation = operation; self.allow = .only(kinds) }
        init(_ operation: String, allow: Allow) { self.operation = operation; self.allow = allow }
    }

    static let rows: [Row] = [
        Row("AccountService.account(_:as:)", allow: [.userHere, .superuserHere]),
        Row("AccountService.account(as:)", allow: [.userHere, .superuserHere, .userElsewhere, .superuserElsewhere]),
        Row("AccountService.account(withEmail:as:)", allow: [.reviewer, .system, .userHere, .superuserHere, .userElsewhere, .superuserElsewhere]),
        Row("AccountService.addUser(to:name:email:language:role:idempotencyKey:as:)", allow: [.superuserHere]),
        Row("AccountService.removeUser(_:from:as:)", allow: [.superuserHere]),
        Row("AccountService.setElectronicAddress(_:of:as:)", allow: [.superuserHere]),
        Row("AccountService.user(as:)", allow: [.userHere, .superuserHere, .userElsewhere, .superuserElsewhere]),
        Row("AccountService.user(withEmail:as:)", allow: [.reviewer, .system, .userHere, .superuserHere, .userElsewhere, .superuserElsewhere]),
        Row("AccountService.users(of:as:)", allow: [.userHere, .superuserHere]),
        Row("AuditService.trail(of:as:)", allow: [.reviewer, .system]),
        Row("AuditService.verify(_:as:)", allow: [.reviewer, .system]),
        Row("AuditService.verifyAll(as:)", allow: [.reviewer, .system]),
        Row("BankPaymentService.creditorReferences(in:)", allow: .open),
        Row("BankPaymentService.recordIncomingPayment(amount:reference:receivedOn:as:)", allow: [.reviewer, .system]),
        Row("BankPaymentService.unmatchedPayments(as:)", allow: [.reviewer, .system]),
        Row("CardChargeService.chargeDueInvoices(as:)", allow: [.system]),
        Row("CardChargeService.nextDue(after:)", allow: .open),
        Row("CardChargeService.runOnce(as:)", allow: [.system]),
        Row("EvidenceRetentionJob.nextDue(after:)", allow: .open),
        Row("EvidenceRetentionJob.run(as:)", allow: [.system]),
        Row("EvidenceRetentionJob.runOnce(as:)", allow: [.system]),
        Row("GuidanceService.accountFacts(_:as:)", allow: [.userHere, .superuserHere]),
        Row("GuidanceService.applicationFacts(_:as:)", allow: [.applicantHere, .reviewer]),
        Row("GuidanceService.nextSteps(forAccount:as:in:)", allow: [.userHere, .superuserHere]),
        Row("GuidanceService.nextSteps(forApplication:as:in:)", allow: [.applicantHere, .reviewer]),
        Row("InvoiceDocumentService.document(of:in:language:as:)", allow: [.system, .userHere, .superuserHere]),
        Row("InvoiceDocumentService.pdf(of:in:language:as:)", allow: [.system, .userHere, .superuserHere]),
        Row("InvoiceDocumentService.text(of:in:language:as:)", allow: [.system, .userHere, .superuserHere]),
        Row("InvoiceDocumentService.ubl(of:in:as:)", allow: [.system, .userHere, .superuserHere]),
        Row("InvoiceDocumentService.document(ofCreditNote:in:language:as:)", allow: [.system, .userHere, .superuserHere]),
        Row("InvoiceDocumentService.pdf(ofCreditNote:in:language:as:)", allow: [.system, .userHere, .superuserHere]),
        Row("InvoiceDocumentService.text(ofCreditNote:in:language:as:)", allow: [.system, .userHere, .superuserHere]),
        Row("InvoiceDocumentService.ubl(ofCreditNote:in:as:)", allow: [.system, .userHere, .superuserHere]),
        Row("InvoicingService.howToPay(_:in:)", allow: .open),
        Row("InvoicingService.invoices(of:as:)", allow: [.userHere, .superuserHere]),
        Row("InvoicingService.issueDueInvoices(as:)", allow: [.system]),
        Row("InvoicingService.nextDue(after:)", allow: .open),
        Row("InvoicingService.runOnce(as:)", allow: [.system]),
        Row("InvoicingService.creditNotes(of:as:)", allow: [.userHere, .superuserHere]),
        Row("InvoicingService.issueCreditNote(for:lines:reason:as:)", allow: [.reviewer, .system]),
        Row("InvoicingService.unpaidInvoices(of:as:)", allow: [.userHere, .superuserHere]),
        Row("InvoicingService.voidInvoice(_:reason:as:)", allow: [.reviewer, .system]),
        Row("InvoicingService.recordChargeback(of:chargebackID:amount:reason:as:)", allow: [.reviewer, .system]),
        Row("RefundService.recordBankRefund(_:reference:as:)", allow: [.reviewer, .system]),
        Row("RefundService.refund(_:as:)", allow: [.reviewer, .system]),
        Row("MailDispatcher.dispatchPending(limit:)", allow: .open),
        Row("MailDispatcher.nextDue(after:)", allow: .open),
        Row("MailDispatcher.nextDueDate()", allow: .open),
        Row("MailDispatcher.runOnce(as:)", allow: [.system]),
        Row("MembershipService.cancelAtPeriodEnd(of:reason:note:as:)", allow: [.superuserHere]),
        Row("MembershipService.changePaymentMethod(of:to:as:)", allow: [.superuserHere]),
        Row("MembershipService.currentMembership(of:as:)", allow: [.userHere, .superuserHere]),
        Row("MembershipService.levels(of:as:)", allow: [.userHere, .superuserHere]),
        Row("MembershipService.memberships(of:as:)", allow: [.userHere, .superuserHere]),
        Row("MembershipService.purchase(_:idempotencyKey:as:)", allow: [.superuserHere]),
        Row("MembershipService.undoCancellation(of:as:)", allow: [.superuserHere]),
        Row("MigrationService.availability(of:as:)", allow: [.userHere, .superuserHere]),
        Row("MigrationService.migrate(_:as:)", allow: [.userHere, .superuserHere]),
        Row("MigrationService.previousMembershipNumbers(of:as:)", allow: [.userHere, .superuserHere, .system]),
        Row("OnboardingService.addEvidence(to:kind:fileName:bytes:as:)", allow: [.applicantHere]),
        Row("OnboardingService.application(_:as:)", allow: [.applicantHere, .reviewer]),
        Row("OnboardingService.createApplication(_:as:)", allow: [.applicantHere]),
        Row("OnboardingService.evidence(of:as:)", allow: [.applicantHere, .reviewer]),
        Row("OnboardingService.removeEvidence(_:from:as:)", allow: [.applicantHere]),
        Row("OnboardingService.submit(_:as:)", allow: [.applicantHere]),
        Row("PasswordResetJob.nextDue(after:)", allow: .open),
        Row("PasswordResetJob.runOnce(as:)", allow: [.system]),
        Row("PasswordResetJob.runPending(as:)", allow: [.system]),
        Row("PasswordService.requestPasswordReset(email:)", allow: .open),
        Row("PasswordService.setPassword(token:newPassword:)", allow: .open),
        Row("PasswordService.signIn(email:password:clientKey:)", allow: .open),
        Row("PaymentFollowUpService.nextDue(after:)", allow: .open),
        Row("PaymentFollowUpService.run(as:)", allow: [.system]),
        Row("PaymentFollowUpService.runOnce(as:)", allow: [.system]),
        Row("PrivacyService.erase(email:as:)", allow: [.reviewer, .system, .userHere, .superuserHere]),
        Row("PrivacyService.eraseAccount(_:as:)", allow: [.reviewer, .system, .superuserHere]),
        Row("PrivacyService.exportAccount(_:as:)", allow: [.reviewer, .system, .userHere, .superuserHere]),
        Row("PrivacyService.exportApplicant(email:as:)", allow: [.applicantHere, .reviewer, .system]),
        Row("PrivacyService.legalHolds(as:)", allow: [.reviewer, .system]),
        Row("PrivacyService.liftLegalHold(on:as:)", allow: [.reviewer]),
        Row("PrivacyService.placeLegalHold(on:reason:as:)", allow: [.reviewer]),
        Row("PrivacyService.rectify(_:_:as:)", allow: [.userHere, .superuserHere]),
        Row("ProductService.complete(_:on:with:as:)", allow: [.userHere, .superuserHere]),
        Row("ProductService.ledger(of:as:)", allow: [.userHere, .superuserHere]),
        Row("ProductService.list(of:includingRemoved:as:)", allow: [.userHere, .superuserHere]),
        Row("ProductService.points(of:as:)", allow: [.userHere, .superuserHere]),
        Row("ProductService.product(_:of:as:)", allow: [.userHere, .superuserHere]),
        Row("ProductService.register(_:on:idempotencyKey:as:)", allow: [.userHere, .superuserHere]),
        Row("ProductService.remove(_:from:reason:as:)", allow: [.userHere, .superuserHere]),
        Row("ProductService.revalue(model:to:reason:as:)", allow: [.reviewer, .system]),
        Row("RenewalService.nextDue(after:)", allow: .open),
        Row("RenewalService.run(as:)", allow: [.system]),
        Row("RenewalService.runOnce(as:)", allow: [.system]),
        Row("ReviewService.approve(_:as:)", allow: [.reviewer]),
        Row("ReviewService.evidenceFile(_:of:as:)", allow: [.reviewer]),
        Row("ReviewService.overdue(as:)", allow: [.reviewer]),
        Row("ReviewService.queue(as:)", allow: [.reviewer]),
        Row("ReviewService.recordVisibleFields(_:on:of:as:)", allow: [.reviewer]),
        Row("ReviewService.reject(_:reasons:as:)", allow: [.reviewer]),
        Row("ReviewService.requestMoreInformation(_:message:as:)", allow: [.reviewer]),
        Row("ReviewService.startReview(_:as:)", allow: [.reviewer]),
        Row("ReviewerService.add(name:email:as:)", allow: [.system]),
        Row("ReviewerService.list(as:)", allow: [.reviewer, .system]),
        Row("ReviewerService.remove(email:as:)", allow: [.system]),
        Row("ReviewerService.setPassword(_:forReviewer:as:)", allow: [.system]),
        Row("ReviewerService.signIn(email:password:clientKey:)", allow: .open),
    ]
}
