/// A binary payload could not be written or read (R-ADP-1): damaged bytes, a value of an
/// unexpected type, a missing field. The file store reports it as a corrupt record
/// (`StorageError.corrupt`) naming the record.
public struct BinaryPayloadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was wrong, for the storage error's detail (developer-facing; a person sees the
    /// storage error's message).
    public let detail: String
    /// The coding path of the value, e.g. `address.city`.
    public let path: String

    /// An error saying `detail` about the value at `path`.
    package init(_ detail: String, path: [any CodingKey] = []) {
        self.detail = detail
        self.path = path.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }

    public var description: String { path.isEmpty ? detail : "\(path): \(detail)" }
}
