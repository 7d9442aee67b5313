import CPSKit

/// A command-line usage error: the message says what was wrong and the exit status is
/// ``ExitStatus/usage``.
public struct CommandError: Error, Sendable, CustomStringConvertible {
    /// What was wrong with the command line.
    public let message: String

    /// Creates a usage error.
    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
