import CPSKit
import Foundation
import Logging
import ServiceLifecycle

/// The library's jobs as one service of the portal's `ServiceGroup` (R-HOST-1, R-UOW-2): each round
/// runs every job until it has no more due work (a bounded number of pages), then sleeps until the
/// earliest `nextDue`, at most ``pollInterval`` (requests add work, such as mail, at any time). A
/// graceful shutdown ends the sleep at once and stops between pages, never inside a unit of work;
/// every job is safe to run twice and concurrently, so another portal process on the same database
/// may run them too.
public struct JobsService: Service {
    /// The services whose jobs run.
    public let services: CPSServices
    /// The clock.
    public let time: TimeSource
    /// The longest sleep between rounds.
    public let pollInterval: Duration
    /// Where job failures go.
    public let logger: Logger

    /// A jobs service.
    public init(services: CPSServices, time: TimeSource, pollInterval: Duration = .seconds(2), logger: Logger) {
        self.services = services
        self.time = time
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Runs rounds until a graceful shutdown or cancellation.
    public func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await runRound()
            var wait = pollInterval
            if let next = try? await services.jobs.nextDue(after: time.now()) {
                let seconds = max(0, next.timeIntervalSince(time.now()))
                wait = min(wait, .milliseconds(Int64(seconds * 1000)))
            }
            let sleep = wait
            if sleep > .zero {
                try? await cancelWhenGracefulShutdown { try await Task.sleep(for: sleep) }
            }
        }
    }

    /// One round: every job, page after page while it has more (at most 50 pages a job).
    public func runRound() async {
        for job in services.jobs {
            var pages = 0
            do {
                var report = try await job.runOnce(as: .system("portal-jobs"))
                pages += 1
                while report.hasMore, pages < 50, !Task.isShuttingDownGracefully, !Task.isCancelled {
                    report = try await job.runOnce(as: .system("portal-jobs"))
                    pages += 1
                }
            } catch {
                logger.error("job failed", metadata: ["job": .string(job.name), "error": .string(String(describing: error))])
            }
        }
    }
}
