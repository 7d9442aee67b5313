import Foundation

/// A value behind a POSIX mutex (`NSLock`), for ``FileRecordStore``'s shared state (R-ADP-1).
///
/// `Synchronization.Mutex` would do, but on Linux its contended path hands the lock over inside
/// the kernel (priority-inheritance futex), which ThreadSanitizer cannot see: under the group-commit
/// load it reports races that are not there. `pthread_mutex_lock`, which `NSLock` calls, is
/// intercepted by ThreadSanitizer, so the CI sanitizer run stays meaningful.
final class LockedState<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only read or written while `lock` is held.
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result, E: Error>(_ body: (inout Value) throws(E) -> Result) throws(E) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
