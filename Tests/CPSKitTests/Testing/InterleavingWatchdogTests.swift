@testable import CPSKitTesting
import Foundation
import Testing

/// The liveness watchdog counts only time it saw pass (R-UOW-2's kit must not fail a correct test on a
/// starved machine): a stall of the whole process counts at most the polling bound.
@Suite("Interleaving watchdog: a starved process is not a stuck runner")
struct InterleavingWatchdogTests {
    @Test("Ten seconds in which the watchdog did not run count as one polling bound; steady polls past the timeout fire")
    func starvationIsNotWaiting() async throws {
        let controller = InterleavingController(runners: 1, timeout: .seconds(1))
        // The runner never launches, so the driver waits.
        let driver = Task { await controller.awaitQuiescence() }
        while !controller.isDriverWaiting { await Task.yield() }
        // A first look that credits nothing, so the count starts at zero however loaded the machine is.
        let start = ContinuousClock.now
        controller.checkTimeout(now: start, maximumCredit: .zero)
        // One look after a 10 s gap counts 100 ms, not 10 s; eight steady polls of 100 ms more: 900 ms.
        let resumed = start + .seconds(10)
        controller.checkTimeout(now: resumed, maximumCredit: .milliseconds(100))
        for poll in 1...8 {
            controller.checkTimeout(now: resumed + .milliseconds(100 * poll), maximumCredit: .milliseconds(100))
        }
        #expect(controller.isDriverWaiting, "900 ms counted is below the 1 s timeout: the driver still waits")
        // 50 ms more (950 ms): still waiting; 50 ms more reaches the timeout: the wait fails (liveness).
        controller.checkTimeout(now: resumed + .milliseconds(850), maximumCredit: .milliseconds(100))
        #expect(controller.isDriverWaiting)
        controller.checkTimeout(now: resumed + .milliseconds(900), maximumCredit: .milliseconds(100))
        #expect(!controller.isDriverWaiting)
        let outcome = await driver.value
        guard case .failed(let reason, let detail) = outcome else {
            Issue.record("expected the liveness failure, got \(outcome)")
            return
        }
        #expect(reason == .liveness)
        #expect(detail.contains("runner 0 never reached its start step"))
    }
}
