import Foundation

/// The retention job (R-GDPR-2, R-UOW-2): deletes the evidence files of each decided application
/// ``RetentionPolicy/evidenceDays`` calendar days after its decision, counted in the policy's time
/// zone — decided on day D (approved or rejected), the files are there on day D + 89 and gone from the
/// start of day D + 90 with the default 90. An application on legal hold (``LegalHold``,
/// ``PrivacyService``) keeps its files: the run reports it in ``RetentionReport/held`` and deletes
/// nothing of it.
///
/// Each application is its own unit of work: the files, the application's `evidenceDeletedAt` and
/// the audit entry `evidence.deleted` are one batch, which also checks that no hold was placed
/// meanwhile. Running the job twice or concurrently deletes each file once.
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
        report.hasMore = try await JobPager(context: context).visit(BusinessAccountApplication.self,
                                                                     indexKey: BusinessAccountApplication.evidenceRetainedIndex) { stored in
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
        context.events.emit(.jobRun(job: name, processed: report.processed, hasMore: report.hasMore))
        return report
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
    /// whose evidence is kept and that is not on legal hold; `nil` when there is none (R-UOW-2).
    public func nextDue(after instant: Date) async throws -> Date? {
        var earliest: Date?
        for stored in try await context.store.fetchAll(BusinessAccountApplication.self,
                                                       indexKey: BusinessAccountApplication.evidenceRetainedIndex) {
            guard let day = deletionDay(of: stored.record),
                  try await context.store.fetch(LegalHold.self, id: stored.record.id) == nil else { continue }
            let start = day.start(in: context.policy.timeZone)
            earliest = min(earliest ?? start, start)
        }
        return earliest
    }
}
