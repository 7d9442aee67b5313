import Foundation

/// Runs `first` on this thread and `second` on a new one, and returns both results: loading a large
/// snapshot on two cores (R-ADP-1). The hand-over goes through `NSCondition` (a pthread mutex and
/// condition variable), which ThreadSanitizer understands.
func inParallel<A, B: Sendable>(_ first: () -> A, _ second: @escaping @Sendable () -> B) -> (A, B) {
    let handoff = Handoff<B>()
    let thread = Thread {
        let value = second()
        handoff.condition.lock()
        handoff.value = value
        handoff.condition.signal()
        handoff.condition.unlock()
    }
    thread.stackSize = 8 << 20
    thread.start()
    let a = first()
    handoff.condition.lock()
    defer { handoff.condition.unlock() }
    while true {
        if let b = handoff.value { return (a, b) }
        handoff.condition.wait()
    }
}

private final class Handoff<Value: Sendable>: @unchecked Sendable {
    // @unchecked: `value` is only read or written while `condition` is locked.
    let condition = NSCondition()
    var value: Value?
}
