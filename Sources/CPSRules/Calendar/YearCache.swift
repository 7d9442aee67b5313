
/// A thread-safe memo of one value per year, filled on demand (R-CAL-1: `isWorkingDay` is a set
/// look-up after a year's first use). All state sits behind one lock (`Locked`); a value is computed
/// outside the lock, so two first callers may both compute it and the first store wins — the
/// values are equal, so nothing is lost.
final class YearCache<Value: Sendable>: Sendable {
    private let values = Locked<[Int: Value]>([:])
    private let compute: @Sendable (Int) -> Value

    init(_ compute: @escaping @Sendable (Int) -> Value) { self.compute = compute }

    func value(for year: Int) -> Value {
        if let cached = values.withLock({ $0[year] }) { return cached }
        let fresh = compute(year)
        return values.withLock { stored in
            if let existing = stored[year] { return existing }
            stored[year] = fresh
            return fresh
        }
    }
}
