import Foundation

/// The portal could not start: a message for the operator.
public struct PortalStartupError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    /// An error saying `description`.
    public init(_ description: String) { self.description = description }
}
