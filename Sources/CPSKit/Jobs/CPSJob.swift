import Foundation

/// The one shape of every job (R-UOW-2): invoicing, card charges, payment follow-up and mail
/// dispatch (and, later, renewals and retention).
///
/// A run does at most one page of due work (``CPSPolicy/jobs``; the limit is applied while reading),
/// reports what it did, and says in ``JobReport/hasMore`` whether due work is left. ``nextDue(after:)``
/// says when to run again. Every job is safe to run twice and concurrently, on any store: each item is
/// decided in its own unit of work, and a job that calls an outside system claims the item first
/// (claim → call → record), so a retried unit never repeats the call.
///
/// One host loop runs them all:
///
/// ```swift
/// let jobs = CPSServices(context).jobs
/// while !Task.isCancelled {
///     for job in jobs {
///         var report = try await job.runOnce(as: .system("jobs"))
///         while report.hasMore { report = try await job.runOnce(as: .system("jobs")) }
///     }
///     let next = try await jobs.nextDue(after: context.time.now())   // sleep until then
/// }
/// ```
public protocol CPSJob: Sendable {
    /// What a run reports.
    associatedtype Report: JobReport

    /// A stable name for logs and events, e.g. `invoicing`.
    var name: String { get }

    /// Does at most one page of due work as `principal` (a ``Principal/system(_:)``) and reports it.
    func runOnce(as principal: Principal) async throws -> Report

    /// The earliest instant after `instant` at which this job has work, `instant` itself (or earlier)
    /// when work is due already, `nil` when nothing is waiting.
    func nextDue(after instant: Date) async throws -> Date?
}

/// What every job run reports (R-UOW-2).
public protocol JobReport: Sendable {
    /// How many items the run acted on.
    var processed: Int { get }
    /// Whether the run stopped at its page limit with due work left.
    var hasMore: Bool { get }
}

extension Array where Element == any CPSJob {
    /// The earliest ``CPSJob/nextDue(after:)`` of the jobs, `nil` when none has work waiting.
    public func nextDue(after instant: Date) async throws -> Date? {
        var earliest: Date?
        for job in self {
            if let due = try await job.nextDue(after: instant) { earliest = Swift.min(earliest ?? due, due) }
        }
        return earliest
    }
}
