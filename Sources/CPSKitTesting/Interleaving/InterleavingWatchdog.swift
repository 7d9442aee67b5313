import CPSKit

/// One background task per exploration that fails the driver's wait once a released runner has not
/// reached a step for longer than the timeout (``InterleavingFailure/Reason/liveness``).
///
/// It polls the controller of the current run a few times per timeout; the driver itself never
/// sleeps, so a run that makes progress is never slowed down.
final class InterleavingWatchdog: Sendable {
    private let target: Locked<InterleavingController?>
    private let task: Task<Void, Never>

    /// Starts polling every quarter of `timeout` (at least every millisecond, at most every 250 ms).
    init(timeout: Duration) {
        let target = Locked<InterleavingController?>(nil)
        let interval = min(max(timeout / 4, .milliseconds(1)), .milliseconds(250))
        self.target = target
        task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                target.withLock { $0 }?.checkTimeout(now: .now, maximumCredit: interval * 2)
            }
        }
    }

    /// Watches `controller` from now on (`nil`: nothing).
    func watch(_ controller: InterleavingController?) { target.withLock { $0 = controller } }

    /// Stops polling.
    func stop() {
        watch(nil)
        task.cancel()
    }
}
