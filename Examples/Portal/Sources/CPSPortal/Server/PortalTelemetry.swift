import CPSKit
import Logging
import Metrics

/// The CPSKit event sink of the portal (R-UOW-3, R-HOST-1): every library event to swift-log and
/// swift-metrics. Events carry IDs, operation names and counts only, so nothing personal reaches
/// the logs.
///
/// Metrics (labels are the event's names):
/// - `cps_units_committed_total{operation}`, `cps_unit_retries_total{operation}`,
///   `cps_conflicts_given_up_total{operation}`
/// - `cps_job_runs_total{job}`, `cps_job_items_total{job}`
/// - `cps_mail_deliveries_total{outcome}`, `cps_outside_calls_total{call,answered}`
/// - `cps_policy_warnings_total`, `cps_journal_tail_dropped_bytes_total`
public enum PortalTelemetry {
    /// The sink: a debug line for each commit and job run, a warning for conflicts given up,
    /// policy warnings and a dropped journal tail, and a counter for each.
    public static func eventSink(logger: Logger) -> EventSink {
        EventSink { event in
            switch event {
            case let .unitCommitted(operation, attempt, writes, checks):
                Counter(label: "cps_units_committed_total", dimensions: [("operation", operation)]).increment()
                logger.debug("unit committed", metadata: ["operation": "\(operation)", "attempt": "\(attempt)",
                                                          "writes": "\(writes)", "checks": "\(checks)"])
            case let .unitRetried(operation, attempt, delay, kind, _):
                Counter(label: "cps_unit_retries_total", dimensions: [("operation", operation)]).increment()
                logger.debug("unit retried", metadata: ["operation": "\(operation)", "attempt": "\(attempt)",
                                                        "delay": "\(delay)", "kind": "\(kind ?? "-")"])
            case let .conflictGivenUp(operation, attempts, kind, _):
                Counter(label: "cps_conflicts_given_up_total", dimensions: [("operation", operation)]).increment()
                logger.warning("conflict given up", metadata: ["operation": "\(operation)", "attempts": "\(attempts)",
                                                               "kind": "\(kind ?? "-")"])
            case let .jobRun(job, processed, hasMore):
                Counter(label: "cps_job_runs_total", dimensions: [("job", job)]).increment()
                Counter(label: "cps_job_items_total", dimensions: [("job", job)]).increment(by: processed)
                if processed > 0 { logger.info("job ran", metadata: ["job": "\(job)", "processed": "\(processed)", "hasMore": "\(hasMore)"]) }
            case let .deliveryAttempted(outboxID, attempt, outcome):
                Counter(label: "cps_mail_deliveries_total", dimensions: [("outcome", outcome)]).increment()
                logger.info("mail delivery", metadata: ["outbox": "\(outboxID)", "attempt": "\(attempt)", "outcome": "\(outcome)"])
            case let .outsideCall(job, call, subject, answered):
                Counter(label: "cps_outside_calls_total", dimensions: [("call", call), ("answered", answered ? "true" : "false")]).increment()
                logger.info("outside call", metadata: ["job": "\(job)", "call": "\(call)", "subject": "\(subject)", "answered": "\(answered)"])
            case let .policyWarning(field, problem):
                Counter(label: "cps_policy_warnings_total").increment()
                logger.warning("policy warning", metadata: ["field": "\(field)", "problem": "\(problem)"])
            case let .journalTailDropped(bytes, commits):
                Counter(label: "cps_journal_tail_dropped_bytes_total").increment(by: bytes)
                logger.warning("the store's journal ended in an unfinished write; dropped", metadata: ["bytes": "\(bytes)", "commits": "\(commits)"])
            }
        }
    }
}
