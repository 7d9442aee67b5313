import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The hand-over between a ``FileRecordStore`` and its dedicated writer thread (R-ADP-1, issue 17
/// item 3): the store's callers post work (``notify()``) and ask it to stop (``stop()``, ``stopAndJoin()``);
/// the thread waits for work (``waitForWork()``) and says when it has ended (``finish()``).
///
/// The thread owns every `write`, `fsync` and compaction of the store, so no task of the Swift
/// concurrency pool ever waits for the disk: a caller enqueues its batch and suspends on a
/// continuation that the thread resumes. Everything goes through one `NSCondition` (a pthread mutex
/// and condition variable), which ThreadSanitizer understands.
final class JournalWriter: @unchecked Sendable {
    // @unchecked: every stored property is read or written only while `condition` is locked.
    private let condition = NSCondition()
    /// Work was posted since the thread last looked.
    private var work = false
    /// The store is closing: the thread drains what is queued and ends.
    private var stopping = false
    /// A thread is attached and has not ended.
    private var running = false
    /// The attached thread, to tell a call made on it (a `deinit` there) from one made elsewhere.
    private var thread: pthread_t?
    /// ``stop()`` calls waiting for the thread to end.
    private var exitWaiters: [CheckedContinuation<Void, Never>] = []

    /// How long ``waitForWork()`` spins before it sleeps.
    static let spinNanoseconds: UInt64 = 500_000

    init() {}

    private static func now() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }

    /// Called on the writer thread before it starts waiting for work.
    func attach() {
        condition.lock()
        defer { condition.unlock() }
        thread = pthread_self()
        running = true
    }

    /// Wakes the thread: a commit or a compaction is queued.
    func notify() {
        condition.lock()
        defer { condition.unlock() }
        work = true
        condition.broadcast()
    }

    /// On the writer thread: waits until work is posted or the store is closing; returns whether
    /// it is closing (the thread then drains the queue once more and ends).
    func waitForWork() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        // First a short spin, yielding the processor: a writer's next commit usually comes right after
        // the previous one returned, and waking a sleeping thread costs far more than the spin (on a
        // virtual machine an idle processor halts, and waking it takes up to a millisecond).
        let deadline = Self.now() &+ Self.spinNanoseconds
        while !work && !stopping && Self.now() < deadline {
            condition.unlock()
            sched_yield()
            condition.lock()
        }
        while !work && !stopping { condition.wait() }
        work = false
        return stopping
    }

    /// On the writer thread, last: it has ended; resumes and wakes whoever waits for that.
    func finish() {
        condition.lock()
        running = false
        thread = nil
        let waiters = exitWaiters
        exitWaiters = []
        condition.broadcast()
        condition.unlock()
        for waiter in waiters { waiter.resume() }
    }

    /// Asks the thread to end after draining its queue and blocks until it has (returns at once when
    /// no thread runs, or when called on the writer thread itself).
    func stopAndJoin() {
        condition.lock()
        defer { condition.unlock() }
        stopping = true
        condition.broadcast()
        if let thread, pthread_equal(thread, pthread_self()) != 0 { return }
        while running { condition.wait() }
    }

    /// Asks the thread to end after draining its queue and suspends (blocking no thread) until it has.
    func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            stopping = true
            condition.broadcast()
            guard running else {
                condition.unlock()
                continuation.resume()
                return
            }
            exitWaiters.append(continuation)
            condition.unlock()
        }
    }
}
