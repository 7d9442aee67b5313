import Foundation

/// Dedicated threads for password hashing (R-ID-1): PBKDF2 at 600,000 iterations is hundreds of
/// milliseconds of CPU, which must not sit on the Swift concurrency pool (whose few threads would
/// stall every other task). At most `width` derivations run at once; the rest wait in order.
/// Threads start on first use and stay until the workers are released.
final class HashWorkers: Sendable {
    /// The shared state: the queue and how many threads exist, behind one condition.
    /// `@unchecked Sendable`: every field is read and written only while `condition` is locked.
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var jobs: [@Sendable () -> Void] = []
        var threads = 0
        var idle = 0
        var closed = false
    }

    private let queue = Queue()
    /// The name of the hashing threads (at most 15 bytes, the Linux limit).
    static let threadName = "cps.pwhash"
    /// The key a hashing thread sets in its thread dictionary.
    private static let marker = "cps.password-hashing-worker"

    /// Whether the calling code runs on a hashing thread (for tests).
    static var onWorkerThread: Bool { Thread.current.threadDictionary[marker] as? Bool == true }
    /// The most derivations that run at once.
    let width: Int

    /// Workers running at most `width` (≥ 1) jobs at once.
    init(width: Int) { self.width = max(1, width) }

    deinit {
        queue.condition.lock()
        queue.closed = true
        queue.condition.broadcast()
        queue.condition.unlock()
    }

    /// Runs `work` on a worker thread and returns its result; the calling task is suspended meanwhile.
    func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            submit { continuation.resume(returning: work()) }
        }
    }

    private func submit(_ job: @escaping @Sendable () -> Void) {
        let queue = self.queue
        queue.condition.lock()
        queue.jobs.append(job)
        let start = queue.jobs.count > queue.idle && queue.threads < width
        if start { queue.threads += 1 }
        queue.condition.signal()
        queue.condition.unlock()
        guard start else { return }
        let thread = Thread {
            Thread.current.threadDictionary[Self.marker] = true
            Self.serve(queue)
        }
        thread.name = Self.threadName
        thread.start()
    }

    private static func serve(_ queue: Queue) {
        queue.condition.lock()
        while true {
            while queue.jobs.isEmpty && !queue.closed {
                queue.idle += 1
                queue.condition.wait()
                queue.idle -= 1
            }
            if queue.jobs.isEmpty {
                queue.threads -= 1
                queue.condition.unlock()
                return
            }
            let job = queue.jobs.removeFirst()
            queue.condition.unlock()
            job()
            queue.condition.lock()
        }
    }
}
