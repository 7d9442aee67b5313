import Foundation

/// The retention job (R-GDPR-2, R-UOW-2): deletes the evidence files of each decided application
/// ``RetentionPolicy/evidenceDays`` calendar days after its decision, counted in the policy's time
/// zone — decided on day D (approved or rejected), the files are there on day D + 89 and gone from the
/// start of day D + 90 with the default 90. An application on legal hold (``LegalHold``,
/// ``PrivacyService``) keeps its files: the run reports it in ``RetentionReport/held`` and deletes
/// nothing of it.
///
/// Its second step pseudonymises the personal data of each rejected application
/// ``RetentionPolicy/rejectedApplicationDays`` calendar days after the rejection (default 180): the
/// contact, the company, the document names and recorded fields, the evidence files, and the personal
/// part of the application's audit entries (the same eraser as an erasure on request);
/// the mails to the contact's address and other audit entries naming the person too, unless the
/// address is also a user's or another application's (then they belong to that one as well). A legal
/// hold stops this step as it stops the first.
///
/// Its third step pseudonymises the buyer of each invoice whose retention years ended
/// (``RetentionPolicy/invoiceYears`` of the seller's country, counted from the end of the issue year;
/// default NL 7): until then the invoice is kept exactly as issued, whatever erasure happened.
///
/// Each step reads only what has fallen due, through the due-time index (issue 17 item 4): the
/// applications are read by the UTC decision day in their keys
/// (``BusinessAccountApplication/evidenceRetained(decidedOnOrBefore:)``,
/// ``BusinessAccountApplication/rejectedRetained(decidedOnOrBefore:)``) up to today minus the
/// policy's days plus one day of slack for the policy's time zone, and each one's day is then checked
/// exactly in that zone; the invoices by their UTC issue year. A store written by an earlier version
/// needs ``RecordStore/reindex(_:)`` (`cps store reindex`) once before the job sees its applications.
///
/// Each application is its own unit of work: the files, the application's `evidenceDeletedAt` and
/// the audit entry `evidence.deleted` are one batch, which also checks that no hold was placed
/// meanwhile; so is each pseudonymisation with its `privacy.erased` entry. Running the job twice or
/// concurrently deletes each file once and pseudonymises each application once.
public struct EvidenceRetentionJob: Sendable {
    let context: CPSContext

    /// Creates the job.
    public init(_ context: CPSContext) { self.context = context }

    /// Deletes the evidence due for deletion, up to one page of applications, as `principal` (a
    /// ``Principal/system(_:)``).
    @discardableResult
    public func run(as principal: Principal) async throws -> RetentionReport {
        try await context.read("retention.run", as: principal) { unit in try await unit.authorize(.system) }
        var report = RetentionReport()
        let today = CalendarDay(context.time.now(), in: context.policy.timeZone)
        let retention = context.policy.retention
        // Only applications decided (UTC) by the policy's days ago, plus a day of slack for the
        // policy's time zone, can be due; the exact day is checked per application.
        let evidenceDue = BusinessAccountApplication.evidenceRetained(decidedOnOrBefore: today.adding(days: 1 - retention.evidenceDays))
        report.hasMore = try await JobPager(context: context).visit(BusinessAccountApplication.self, range: evidenceDue) { stored in
            // Cheap filter first: the day of slack reads some applications a day early.
            guard let day = deletionDay(of: stored.record), today >= day else { return false }
            switch try await retain(stored.record.id, as: principal) {
            case let .deleted(files):
                report.deleted.append(stored.record.id)
                report.filesDeleted += files
                return true
            case .held:
                report.held.append(stored.record.id)
                return false
            case .notDue:
                return false
            }
        }
        let rejectedDue = BusinessAccountApplication.rejectedRetained(decidedOnOrBefore: today.adding(days: 1 - retention.rejectedApplicationDays))
        let moreRejected = try await JobPager(context: context).visit(BusinessAccountApplication.self, range: rejectedDue) { stored in
            guard let day = erasureDay(of: stored.record), today >= day else { return false }
            switch try await pseudonymise(stored.record.id, as: principal) {
            case .pseudonymised:
                report.pseudonymised.append(stored.record.id)
                return true
            case .held:
                if !report.held.contains(stored.record.id) { report.held.append(stored.record.id) }
                return false
            case .notDue:
                return false
            }
        }
        // Only invoices issued by the shortest retention's last year can be due (a year of slack for
        // the policy's time zone around New Year).
        let retainedDue = Invoice.buyerRetained(issuedInOrBefore: CalendarDay(context.time.now(), in: context.policy.timeZone).year
                                                - shortestInvoiceYears)
        let moreInvoices = try await JobPager(context: context).visit(Invoice.self, range: retainedDue) { stored in
            // Cheap filter first: most invoices are years from their day.
            guard CalendarDay(context.time.now(), in: context.policy.timeZone) >= pseudonymisationDay(of: stored.record) else { return false }
            switch try await pseudonymiseBuyer(of: stored.record.id, as: principal) {
            case .pseudonymised:
                report.invoicesPseudonymised.append(stored.record.id)
                return true
            case .held, .notDue:
                return false
            }
        }
        report.hasMore = report.hasMore || moreRejected || moreInvoices
        context.events.emit(.jobRun(job: name, processed: report.processed, hasMore: report.hasMore))
        return report
    }

    /// The fewest years any seller country keeps its invoices (R-GDPR-2).
    private var shortestInvoiceYears: Int {
        let retention = context.policy.retention
        return retention.invoiceYears.values.reduce(retention.defaultInvoiceYears, min)
    }

    /// The start of the earliest `day` of an application in `range` (a decision-day index) that no
    /// legal hold keeps. An application decided on UTC day U was decided on U - 1 or later in the
    /// policy's time zone, so none at or after it in key order is due before U - 1 + `afterDays`.
    private func earliestApplication(in range: IndexKeyRange<BusinessAccountApplication>, afterDays: Int, pager: JobPager,
                                     day: (BusinessAccountApplication) -> CalendarDay?) async throws -> Date? {
        let tz = context.policy.timeZone
        return try await pager.earliest(
            BusinessAccountApplication.self, range: range,
            notBefore: { application in
                application.decidedAt.map { BusinessAccountApplication.utcDay(of: $0).adding(days: afterDays - 1).start(in: tz) }
            }
        ) { stored in
            guard let due = day(stored.record),
                  try await context.store.fetch(LegalHold.self, id: stored.record.id) == nil else { return nil }
            return due.start(in: tz)
        }
    }

    /// The day from whose start the personal data of a rejected `application` is pseudonymised.
    func erasureDay(of application: BusinessAccountApplication) -> CalendarDay? {
        guard let decidedAt = application.decidedAt, application.status == .rejected,
              application.personalDataErasedAt == nil else { return nil }
        return context.policy.retention.rejectedApplicationErasureDay(decidedOn: CalendarDay(decidedAt, in: context.policy.timeZone))
    }

    private enum Pseudonymisation { case pseudonymised, held, notDue }

    /// The day from whose start `invoice`'s buyer is pseudonymised: the seller country's invoice years
    /// after the end of the issue year (R-GDPR-2).
    func pseudonymisationDay(of invoice: Invoice) -> CalendarDay {
        context.policy.retention.invoiceBuyerPseudonymisationDay(issuedOn: CalendarDay(invoice.issuedAt, in: context.policy.timeZone),
                                                                 sellerCountry: invoice.seller.country.description)
    }

    /// Pseudonymises the buyer of one invoice past its years, and the personal part of the invoice's
    /// audit entries; a legal hold on the account's application keeps it.
    private func pseudonymiseBuyer(of invoiceID: Invoice.ID, as principal: Principal) async throws -> Pseudonymisation {
        try await context.transact("retention.invoice", as: principal) { unit in
            try await unit.authorize(.system)
            guard var invoice = try await unit.fetch(Invoice.self, id: invoiceID), invoice.record.buyerPseudonymisedAt == nil,
                  unit.today >= pseudonymisationDay(of: invoice.record) else { return .notDue }
            if let account = try await unit.fetch(BusinessAccount.self, id: invoice.record.accountID),
               try await unit.fetch(LegalHold.self, id: account.record.applicationID) != nil {
                return .held
            }
            invoice.record = invoice.record.pseudonymisingBuyer("erased-" + unit.context.random.bytes(8).lowercaseHex, at: unit.now)
            try unit.update(invoice)
            for entry in try await unit.fetchAll(AuditEntry.self, indexKey: AuditEntry.bySubject("\(invoiceID)")) where !entry.record.isErased {
                try unit.update(Stored(record: entry.record.erasingPersonalPart(), version: entry.version))
            }
            try unit.audit(invoiceID, "invoice.buyerPseudonymised", details: [
                "years": String(unit.policy.retention.invoiceYears[invoice.record.seller.country.description]
                    ?? unit.policy.retention.defaultInvoiceYears),
            ])
            return .pseudonymised
        }
    }

    private func pseudonymise(_ applicationID: BusinessAccountApplication.ID, as principal: Principal) async throws -> Pseudonymisation {
        try await context.transact("retention.rejectedApplication", as: principal) { unit in
            try await unit.authorize(.system)
            guard let application = try await unit.fetch(BusinessAccountApplication.self, id: applicationID),
                  let day = erasureDay(of: application.record), unit.today >= day else { return .notDue }
            if try await unit.fetch(LegalHold.self, id: applicationID) != nil { return .held }
            let address = application.record.contactEmail
            // The address may be a user's or another application's too: then its mails and the other
            // audit entries naming it stay (they are that person's data in that record as well).
            let holder = try await unit.holder(of: BusinessAccountApplication.emailKey(address))
            let others = try await unit.fetchAll(BusinessAccountApplication.self, indexKey: BusinessAccountApplication.byContact(address))
                .filter { $0.record.id != applicationID }
            let shared = holder != nil || !others.isEmpty
            var eraser = try PersonalDataEraser(unit: unit, reason: .retention)
            try await eraser.erase(application, companyToo: true)
            if shared {
                try await eraser.eraseOwnAudit()
                let receipt = eraser.receipt
                try unit.audit(applicationID, "application.erased", details: ["receipt": receipt.id])
                try unit.audit(receipt.id, "privacy.erased", details: receipt.auditFacts)
            } else {
                _ = try await PrivacyService(context).finish(&eraser, addresses: [address], in: unit)
            }
            return .pseudonymised
        }
    }

    /// The day from whose start `application`'s evidence is deleted, if it was decided.
    func deletionDay(of application: BusinessAccountApplication) -> CalendarDay? {
        guard let decidedAt = application.decidedAt, [.approved, .rejected].contains(application.status) else { return nil }
        return context.policy.retention.evidenceDeletionDay(decidedOn: CalendarDay(decidedAt, in: context.policy.timeZone))
    }

    private enum Outcome { case deleted(Int), held, notDue }

    private func retain(_ applicationID: BusinessAccountApplication.ID, as principal: Principal) async throws -> Outcome {
        try await context.transact("retention.evidence", as: principal) { unit in
            try await unit.authorize(.system)
            guard var application = try await unit.fetch(BusinessAccountApplication.self, id: applicationID),
                  application.record.evidenceDeletedAt == nil,
                  let day = deletionDay(of: application.record), unit.today >= day else { return .notDue }
            // Read through the unit: a hold placed before this batch commits makes it conflict and rerun.
            if try await unit.fetch(LegalHold.self, id: applicationID) != nil { return .held }
            let files = try await unit.fetchAll(EvidenceFile.self, indexKey: EvidenceFile.byApplication(applicationID))
            for file in files { try unit.delete(file) }
            application.record.evidenceDeletedAt = unit.now
            try unit.update(application)
            try unit.audit(applicationID, "evidence.deleted", details: [
                "files": String(files.count), "retentionDays": String(unit.policy.retention.evidenceDays),
                "decisionDay": day.adding(days: -unit.policy.retention.evidenceDays).description,
            ])
            return .deleted(files.count)
        }
    }
}

extension EvidenceRetentionJob: CPSJob {
    /// `retention`.
    public var name: String { "retention" }

    /// ``run(as:)`` (R-UOW-2).
    public func runOnce(as principal: Principal) async throws -> RetentionReport { try await run(as: principal) }

    /// The start (in the policy's time zone) of the earliest deletion day of a decided application
    /// whose evidence is kept, or of the pseudonymisation day of a rejected application whose
    /// personal data is kept, that is not on legal hold, or of an invoice's buyer pseudonymisation;
    /// `nil` when there is none (R-UOW-2). It reads each index in decision-day (issue-year) order and
    /// stops at the first record that cannot be due before the earliest found (issue 17 item 4).
    public func nextDue(after instant: Date) async throws -> Date? {
        let tz = context.policy.timeZone
        let retention = context.policy.retention
        let pager = JobPager(context: context)
        var earliest = try await earliestApplication(in: BusinessAccountApplication.rejectedRetainedByDecisionDay,
                                                     afterDays: retention.rejectedApplicationDays, pager: pager, day: erasureDay(of:))
        let evidence = try await earliestApplication(in: BusinessAccountApplication.evidenceRetainedByDecisionDay,
                                                     afterDays: retention.evidenceDays, pager: pager, day: deletionDay(of:))
        if let evidence { earliest = min(earliest ?? evidence, evidence) }
        // An invoice issued (UTC) in year Y is pseudonymised on 1 January of Y + the shortest years or later.
        let shortest = shortestInvoiceYears
        let invoices = try await pager.earliest(
            Invoice.self, range: Invoice.buyerRetainedByIssueYear,
            notBefore: { CalendarDay(year: Invoice.utcYear(of: $0.issuedAt) + shortest, month: 1, day: 1)?.start(in: tz) }
        ) { stored in pseudonymisationDay(of: stored.record).start(in: tz) }
        if let invoices { earliest = min(earliest ?? invoices, invoices) }
        return earliest
    }
}
