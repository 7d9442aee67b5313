/// A file or directory the `cps` tool needs could not be read or written: exit status 74.
struct CLIIOError: Error, Sendable, CustomStringConvertible {
    /// What failed.
    let description: String
    init(_ description: String) { self.description = description }
}
