/// A runner body threw: what ``Interleaving/requireSuccess(_:)`` (the default verification) throws,
/// wrapped in an ``InterleavingFailure`` that names the schedule.
public struct InterleavingRunnerError: Error, CustomStringConvertible {
    /// The runner whose body threw.
    public let runner: Int
    /// What it threw.
    public let error: any Error

    /// An error for `runner`, which threw `error`.
    public init(runner: Int, error: any Error) {
        self.runner = runner
        self.error = error
    }

    public var description: String { "runner \(runner) threw \(String(describing: error))" }
}
