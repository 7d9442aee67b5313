import Foundation

/// What happened inside CPSKit, for a host's logs and metrics (R-UOW-3).
///
/// Events carry IDs, names of operations and counts only: never a secret, an e-mail address or a
/// person's name. The ``EventSink`` receives them after the fact — after a commit, outside every
/// lock — so a slow or failing sink cannot change what happened.
public enum CPSEvent: Hashable, Sendable {
    /// A unit of work committed: the operation (e.g. `membership.purchase`), the attempt that
    /// succeeded (1 = first try), and how many records it wrote and checked.
    case unitCommitted(operation: String, attempt: Int, writes: Int, checks: Int)
    /// A unit lost a race (a record it read or wrote changed meanwhile) and runs again after `delay`.
    case unitRetried(operation: String, attempt: Int, delay: Duration, kind: String?, id: String?)
    /// A unit lost every attempt the retry policy allows; the caller got a ``ConflictError``.
    case conflictGivenUp(operation: String, attempts: Int, kind: String?, id: String?)
    /// A job ran once: its name, how many items it acted on, and whether due work is left for the next run.
    case jobRun(job: String, processed: Int, hasMore: Bool)
    /// A mail delivery was tried: the outbox record, the attempt number and its outcome
    /// (`delivered`, `retryScheduled`, `failed`, `skipped`).
    case deliveryAttempted(outboxID: String, attempt: Int, outcome: String)
    /// An outside call of a job (payment gateway, identity adapter) was made after its claim: the job,
    /// the call (e.g. `charge`), the record it is about, and whether it answered.
    case outsideCall(job: String, call: String, subject: String, answered: Bool)
    /// The policy is valid but unsuitable for production (e.g. retries disabled): the field and why.
    case policyWarning(field: String, problem: String)
    /// Opening the embedded file store dropped a torn journal tail (R-ADP-1): a write cut off by a
    /// crash, never acknowledged; the bytes dropped and the commits begun in them (usually 1). Sent
    /// by ``FileStoreOptions/reporting(to:)``.
    case journalTailDropped(bytes: Int, commits: Int)
}
