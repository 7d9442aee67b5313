import Foundation

/// A value behind a lock: all mutable shared state of CPSKit's reference adapters sits in one of
/// these (SPEC §12, concurrency).
///
/// It uses `NSLock` (a pthread mutex) rather than `Synchronization.Mutex`: on Linux `Mutex` waits on
/// a futex that ThreadSanitizer cannot see, so every access under it is reported as a race, and CI
/// runs the whole suite under ThreadSanitizer. The body must not `await` (it cannot: it is synchronous).
package final class Locked<Value>: @unchecked Sendable {
    // @unchecked: `value` is only read or written while `lock` is held, in `withLock`.
    private let lock = NSLock()
    private var value: Value

    /// A box holding `value`.
    package init(_ value: Value) { self.value = value }

    /// Runs `body` with exclusive access to the value.
    package func withLock<Result, Failure: Error>(_ body: (inout Value) throws(Failure) -> Result) throws(Failure) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
