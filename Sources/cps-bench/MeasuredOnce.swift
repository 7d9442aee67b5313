/// A measurement that several rows report from (the file-store rows, the migration rows): it runs
/// once per process, on the first row that asks, and every row gets the same result or failure.
actor MeasuredOnce<Value: Sendable> {
    private let measure: @Sendable (BenchContext) async throws -> Value
    private var cached: Result<Value, BenchFailure>?

    init(_ measure: @escaping @Sendable (BenchContext) async throws -> Value) {
        self.measure = measure
    }

    func result(_ context: BenchContext) async -> Result<Value, BenchFailure> {
        if let cached { return cached }
        let outcome: Result<Value, BenchFailure>
        do { outcome = .success(try await measure(context)) } catch let failure as BenchFailure {
            outcome = .failure(failure)
        } catch {
            outcome = .failure(BenchFailure("\(error)"))
        }
        cached = outcome
        return outcome
    }
}
