import CPSKit
import CPSKitTesting
import Foundation
import Synchronization
import Testing

/// The retention job's application steps over the due-time index (R-GDPR-2, R-UOW-2; issue 17
/// item 4): the keys by UTC decision day, the day of slack and the exact day in the policy's time
/// zone, bounded reads under a backlog, `nextDue`, concurrency and `reindex` of older stores.
@Suite("Retention of applications over the due-time index (R-GDPR-2, R-UOW-2, issue 17 item 4)")
struct ApplicationRetentionIndexTests {
    static let job = Principal.system("retention")

    static func date(_ iso: String) -> Date { EvidenceRetentionJobTests.date(iso) }

    static func day(_ iso: String) throws -> CalendarDay { try #require(CalendarDay(iso: iso)) }

    /// A policy like Canon Europe's in `timeZone`.
    static func policy(_ timeZone: String, pageSize: Int? = nil) -> CPSPolicy {
        var policy = CPSPolicy.canonEurope
        policy.timeZoneIdentifier = timeZone
        if let pageSize { policy.jobs.pageSize = pageSize }
        return policy
    }

    /// An approved application (with one evidence file) and a rejected one (with one), both decided at `start`.
    static func decidedPair(_ env: TestEnvironment) async throws -> (approved: BusinessAccountApplication.ID, rejected: BusinessAccountApplication.ID) {
        let active = try await env.activeAccount()
        let rejected = try await ErasureTests.rejected(env)
        return (active.account.applicationID, rejected)
    }

    static func files(_ env: TestEnvironment, _ id: BusinessAccountApplication.ID) async throws -> Int {
        try await env.store.fetchAll(EvidenceFile.self, indexKey: EvidenceFile.byApplication(id)).count
    }

    static func application(_ env: TestEnvironment, _ id: BusinessAccountApplication.ID) async throws -> BusinessAccountApplication {
        try #require(try await env.store.fetch(BusinessAccountApplication.self, id: id)?.record)
    }

    @Test("R-GDPR-2 (issue 17 item 4): a decision-day key lies in the range of its day and every later day, never an earlier one; the old whole-set keys lie in none")
    func keyRanges() throws {
        let decided = try Self.day("2026-11-27")
        let evidence = BusinessAccountApplication.evidenceRetained(decidedOn: decided).rawValue
        let rejected = BusinessAccountApplication.rejectedRetained(decidedOn: decided).rawValue
        #expect(evidence == "application:evidence-retained:2026-11-27" && rejected == "application:rejected-retained:2026-11-27")
        #expect(BusinessAccountApplication.evidenceRetained(decidedOnOrBefore: decided).contains(evidence))
        #expect(BusinessAccountApplication.evidenceRetained(decidedOnOrBefore: try Self.day("2027-01-01")).contains(evidence))
        #expect(!BusinessAccountApplication.evidenceRetained(decidedOnOrBefore: try Self.day("2026-11-26")).contains(evidence))
        #expect(BusinessAccountApplication.rejectedRetained(decidedOnOrBefore: decided).contains(rejected))
        #expect(!BusinessAccountApplication.rejectedRetained(decidedOnOrBefore: try Self.day("2026-11-26")).contains(rejected))
        // One index's range holds none of the other's keys.
        #expect(!BusinessAccountApplication.evidenceRetained(decidedOnOrBefore: decided).contains(rejected))
        #expect(!BusinessAccountApplication.rejectedRetained(decidedOnOrBefore: decided).contains(evidence))
        #expect(BusinessAccountApplication.evidenceRetainedByDecisionDay.contains(evidence))
        #expect(!BusinessAccountApplication.evidenceRetainedByDecisionDay.contains(rejected))
        #expect(BusinessAccountApplication.rejectedRetainedByDecisionDay.contains(rejected))
        // What earlier versions wrote is in no range: `reindex` brings it in.
        for old in ["application:evidence-retained", "application:rejected-retained"] {
            #expect(!BusinessAccountApplication.evidenceRetainedByDecisionDay.contains(old))
            #expect(!BusinessAccountApplication.rejectedRetainedByDecisionDay.contains(old))
        }
        // The day in the key is UTC's.
        #expect(BusinessAccountApplication.utcDay(of: Self.date("2026-11-27T23:30:00-05:00")) == (try Self.day("2026-11-28")))
        #expect(BusinessAccountApplication.utcDay(of: Self.date("2026-11-28T09:00:00+13:00")) == decided)
    }

    @Test("R-GDPR-2: a decision at 21:30 in New York (02:30 UTC the next day): kept until the last instant of day D + 89 there, deleted from its first instant of D + 90, pseudonymised from D + 180")
    func eveningWestOfUTC() async throws {
        let env = TestEnvironment(start: "2026-11-27T21:30:00-05:00", policy: Self.policy("America/New_York"))
        let (approved, rejected) = try await Self.decidedPair(env)
        let record = try await Self.application(env, rejected)
        #expect(record.indexKeys.contains(BusinessAccountApplication.evidenceRetained(decidedOn: try Self.day("2026-11-28")).rawValue))
        #expect(record.indexKeys.contains(BusinessAccountApplication.rejectedRetained(decidedOn: try Self.day("2026-11-28")).rawValue))
        #expect(!(try await Self.application(env, approved)).indexKeys.contains(where: BusinessAccountApplication.rejectedRetainedByDecisionDay.contains))
        let deletion = Self.date("2027-02-25T00:00:00-05:00") // day 90 of 2026-11-27 in New York
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == deletion)
        env.clock.set(deletion.addingTimeInterval(-0.001))
        #expect(try await env.services.retention.run(as: Self.job) == RetentionReport())
        let files1 = (try await Self.files(env, approved), try await Self.files(env, rejected))
        #expect(files1 == (1, 1))
        env.clock.set(deletion)
        let report = try await env.services.retention.run(as: Self.job)
        #expect(Set(report.deleted) == [approved, rejected] && report.filesDeleted == 2 && report.pseudonymised.isEmpty && !report.hasMore)
        let erasure = Self.date("2027-05-26T00:00:00-04:00") // day 180, daylight saving time
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == erasure)
        env.clock.set(erasure.addingTimeInterval(-0.001))
        #expect(try await env.services.retention.run(as: Self.job) == RetentionReport())
        #expect(try await Self.application(env, rejected).contactName == "Erik Berg")
        env.clock.set(erasure)
        #expect(try await env.services.retention.run(as: Self.job).pseudonymised == [rejected])
        #expect(try await Self.application(env, rejected).personalDataErasedAt == erasure)
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == nil)
    }

    @Test("R-GDPR-2: a decision at 09:00 in Auckland (20:00 UTC the day before): read a day early through the slack, yet kept until the last instant of day D + 89 there, deleted from D + 90, pseudonymised from D + 180")
    func morningEastOfUTC() async throws {
        let env = TestEnvironment(start: "2026-11-28T09:00:00+13:00", policy: Self.policy("Pacific/Auckland"))
        let (approved, rejected) = try await Self.decidedPair(env)
        #expect(try await Self.application(env, rejected).indexKeys
            .contains(BusinessAccountApplication.rejectedRetained(decidedOn: try Self.day("2026-11-27")).rawValue))
        let deletion = Self.date("2027-02-26T00:00:00+13:00") // day 90 of 2026-11-28 in Auckland
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == deletion)
        env.clock.set(deletion.addingTimeInterval(-0.001))
        #expect(try await env.services.retention.run(as: Self.job) == RetentionReport())
        #expect(try await Self.files(env, approved) == 1)
        env.clock.set(deletion)
        #expect(Set(try await env.services.retention.run(as: Self.job).deleted) == [approved, rejected])
        let files0 = (try await Self.files(env, approved), try await Self.files(env, rejected))
        #expect(files0 == (0, 0))
        let erasure = Self.date("2027-05-27T00:00:00+12:00") // day 180, standard time
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == erasure)
        env.clock.set(erasure.addingTimeInterval(-0.001))
        #expect(try await env.services.retention.run(as: Self.job).pseudonymised.isEmpty)
        env.clock.set(erasure)
        #expect(try await env.services.retention.run(as: Self.job).pseudonymised == [rejected])
    }

    /// Writes an application like `template`, decided at `decidedAt` in `status`, with no evidence
    /// files and an address of its own.
    static func copy(of template: BusinessAccountApplication, id: String, status: ApplicationStatus, decidedAt: Date) throws
        -> BusinessAccountApplication {
        var copy = BusinessAccountApplication(
            id: BusinessAccountApplication.ID(id), status: status, companyName: template.companyName, address: template.address,
            vatStatus: template.vatStatus, contactName: template.contactName, contactEmail: try EmailAddress("\(id)@backlog.example"),
            language: template.language, applicantRole: template.applicantRole, attestedAt: template.attestedAt,
            oldCPSEmail: nil, createdAt: template.createdAt)
        copy.submittedAt = template.submittedAt
        copy.decidedAt = decidedAt
        return copy
    }

    @Test("R-GDPR-2/R-UOW-2 (issue 17 item 4): under a backlog of 300 applications decided recently the runs read only the few due (a page at a time, hasMore as before) and nextDue the next day's start, each a bounded number of envelopes")
    func backlogReadsOnlyDue() async throws {
        let store = ApplicationCountingStore()
        let env = TestEnvironment(store: store, policy: Self.policy("Europe/Amsterdam", pageSize: 2))
        let active = try await env.activeAccount() // decided 2026-11-27 10:00 in Amsterdam
        let template = try await Self.application(env, active.account.applicationID)
        var due: Set<BusinessAccountApplication.ID> = [active.account.applicationID]
        var writes: [RecordWrite] = []
        func add(_ application: BusinessAccountApplication) throws {
            writes.append(.put(try RecordCoder.envelope(application, version: 0, codec: store.payloadCodec), expectedVersion: 0))
        }
        for n in 0..<3 { // due with the first
            let copy = try Self.copy(of: template, id: "due-\(n)", status: .approved, decidedAt: Self.date("2026-11-27T23:59:59+01:00"))
            due.insert(copy.id)
            try add(copy)
        }
        // In the day of slack (2026-11-28 in UTC and in Amsterdam): read, not due.
        try add(try Self.copy(of: template, id: "next-day", status: .approved, decidedAt: Self.date("2026-11-28T10:00:00+01:00")))
        let firstBacklog = Self.date("2027-01-10T10:00:00+01:00")
        for n in 0..<300 { // rejected from 2027-01-10 on, four a day
            try add(try Self.copy(of: template, id: "backlog-\(n)", status: .rejected, decidedAt: firstBacklog.addingTimeInterval(Double(n) * 21_600)))
        }
        try await store.commit(WriteBatch(writes))

        env.clock.set(Self.date("2027-02-25T00:00:00+01:00"))
        store.reset()
        var deleted: [BusinessAccountApplication.ID] = []
        var runs: [RetentionReport] = []
        repeat {
            let report = try await env.services.retention.run(as: Self.job)
            #expect(report.deleted.count <= 2 && report.pseudonymised.isEmpty)
            deleted += report.deleted
            runs.append(report)
        } while runs.last?.hasMore == true && runs.count < 10
        #expect(Set(deleted) == due && deleted.count == due.count)
        #expect(runs.count <= 3 && runs.first?.hasMore == true && runs.last?.hasMore == false)
        #expect(store.applicationsRead < 40, "\(runs.count) runs read \(store.applicationsRead) application envelopes; 300 are due later")
        #expect(try await env.services.retention.run(as: Self.job) == RetentionReport())

        store.reset()
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == Self.date("2027-02-26T00:00:00+01:00"))
        #expect(store.applicationsRead < 30, "nextDue read \(store.applicationsRead)")
        // The slack day's application deleted, the next is the backlog's first: its evidence, 90 days on.
        env.clock.set(Self.date("2027-02-26T00:00:00+01:00"))
        #expect(try await env.services.retention.run(as: Self.job).deleted == ["next-day"])
        store.reset()
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == Self.date("2027-04-10T00:00:00+02:00"))
        #expect(store.applicationsRead < 30, "nextDue read \(store.applicationsRead)")
    }

    @Test("R-GDPR-2/R-UOW-2: two runners at once over several due applications delete each file once and pseudonymise each application once")
    func twoRunnersAtOnce() async throws {
        let env = TestEnvironment(start: "2026-11-27T22:30:00+01:00") // 21:30 UTC
        let (approved, rejected) = try await Self.decidedPair(env)
        env.clock.set(Self.date("2027-02-25T00:00:00+01:00"))
        async let first = env.services.retention.run(as: Self.job)
        async let second = env.services.retention.run(as: Self.job)
        let reports = try await [first, second]
        let deleted = reports.flatMap(\.deleted)
        #expect(Set(deleted) == [approved, rejected] && deleted.count == 2)
        #expect(reports.map(\.filesDeleted).reduce(0, +) == 2)
        for id in [approved, rejected] {
            #expect(try await env.store.auditTrail(of: id).filter { $0.action == "evidence.deleted" }.count == 1)
            #expect(try await Self.files(env, id) == 0)
        }
        env.clock.set(Self.date("2027-05-26T00:00:00+02:00"))
        async let third = env.services.retention.run(as: Self.job)
        async let fourth = env.services.retention.run(as: Self.job)
        let erasing = try await [third, fourth]
        #expect(erasing.flatMap(\.pseudonymised) == [rejected] && erasing.flatMap(\.deleted).isEmpty)
        #expect(try await env.store.auditTrail(of: rejected).filter { $0.action == "application.erased" }.count == 1)
        #expect(try await env.services.audit.verifyAll(as: TestEnvironment.reviewer).isIntact)
    }

    @Test("R-ADP-1/R-GDPR-2: applications stored with the old whole-set keys are not seen by the job until reindex; then it deletes and pseudonymises them")
    func reindexBringsOldApplicationsIn() async throws {
        let env = TestEnvironment()
        let (approved, rejected) = try await Self.decidedPair(env)
        let old = ["application:evidence-retained", "application:rejected-retained"]
        var stored: [BusinessAccountApplication.ID: RecordEnvelope] = [:]
        for id in [approved, rejected] {
            let envelope = try #require(try await env.store.record(kind: BusinessAccountApplication.kind, id: id.rawValue))
            var written = envelope
            written.indexKeys = envelope.indexKeys.map { key in
                if BusinessAccountApplication.evidenceRetainedByDecisionDay.contains(key) { return old[0] }
                if BusinessAccountApplication.rejectedRetainedByDecisionDay.contains(key) { return old[1] }
                return key
            }
            #expect(written.indexKeys != envelope.indexKeys)
            try await env.store.commit(WriteBatch([.put(written, expectedVersion: envelope.version)]))
            stored[id] = envelope
        }
        env.clock.set(Self.date("2027-05-26T00:00:00+02:00")) // both steps due
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == nil)
        #expect(try await env.services.retention.run(as: Self.job) == RetentionReport())
        #expect(try await Self.files(env, approved) == 1)

        #expect(try await StoreReindexing.reindexAll(env.store) == [BusinessAccountApplication.kind: 2])
        #expect(try await env.store.reindex(BusinessAccountApplication.self) == 0)
        for (id, envelope) in stored {
            let after = try #require(try await env.store.record(kind: BusinessAccountApplication.kind, id: id.rawValue))
            #expect(after.payload == envelope.payload && after.indexKeys == envelope.indexKeys && after.version == envelope.version + 2)
        }
        #expect(try await env.services.retention.nextDue(after: env.clock.now) == Self.date("2027-02-25T00:00:00+01:00"))
        let report = try await env.services.retention.run(as: Self.job)
        #expect(Set(report.deleted) == [approved, rejected] && report.pseudonymised == [rejected])
        #expect(try await Self.files(env, approved) == 0)
    }
}

/// The in-memory store, counting the application envelopes its reads return (by ID, by key, by range).
private final class ApplicationCountingStore: RecordStore {
    private let inner = InMemoryRecordStore()
    private let counted = Atomic<Int>(0)

    var applicationsRead: Int { counted.load(ordering: .relaxed) }
    func reset() { counted.store(0, ordering: .relaxed) }
    var payloadCodec: PayloadCodec { inner.payloadCodec }

    @discardableResult
    private func count(_ records: [RecordEnvelope]) -> [RecordEnvelope] {
        counted.add(records.filter { $0.kind == BusinessAccountApplication.kind }.count, ordering: .relaxed)
        return records
    }

    func record(kind: String, id: String) async throws(StorageError) -> RecordEnvelope? {
        let envelope = try await inner.record(kind: kind, id: id)
        count(envelope.map { [$0] } ?? [])
        return envelope
    }

    func records(kind: String, indexKey: String?) async throws(StorageError) -> [RecordEnvelope] {
        count(try await inner.records(kind: kind, indexKey: indexKey))
    }

    func record(holding uniqueKey: String) async throws(StorageError) -> RecordEnvelope? {
        let envelope = try await inner.record(holding: uniqueKey)
        count(envelope.map { [$0] } ?? [])
        return envelope
    }

    func records(kind: String, indexKey: String?, after cursor: RecordCursor?, limit: Int) async throws(StorageError) -> RecordPage {
        let page = try await inner.records(kind: kind, indexKey: indexKey, after: cursor, limit: limit)
        count(page.records)
        return page
    }

    func records(kind: String, indexKeysFrom lower: String, below upper: String, after cursor: RecordCursor?,
                 limit: Int) async throws(StorageError) -> RecordPage {
        let page = try await inner.records(kind: kind, indexKeysFrom: lower, below: upper, after: cursor, limit: limit)
        count(page.records)
        return page
    }

    @discardableResult
    func commit(_ batch: WriteBatch) async throws(StorageError) -> [RecordEnvelope] {
        try await inner.commit(batch)
    }
}
