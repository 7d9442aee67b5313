import CPSKit

/// A command-line usage error: the message says what was wrong and the exit status is
/// ``ExitStatus/usage``.
package struct CommandError: Error, Sendable, CustomStringConvertible {
    /// What was wrong with the command line.
    package let message: String

    /// Creates a usage error.
    package init(_ message: String) { self.message = message }

    package var description: String { message }
}
