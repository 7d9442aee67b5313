import Foundation

/// The fields of a submitted form: `application/x-www-form-urlencoded`, or the text fields of
/// `multipart/form-data` (``MultipartForm``).
public struct FormFields: Sendable, Equatable {
    /// Each field's values, in order.
    public private(set) var values: [String: [String]]

    /// Fields from a dictionary of values.
    public init(_ values: [String: [String]] = [:]) { self.values = values }

    /// The fields of an URL-encoded body (`+` is a space; bad percent-encoding leaves the text as it is).
    public init(urlEncoded body: String) {
        var values: [String: [String]] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            values[name, default: []].append(value)
        }
        self.values = values
    }

    /// The first value of `name`, or `nil`.
    public subscript(name: String) -> String? { values[name]?.first }

    /// The first value of `name` without surrounding spaces, or `nil` when it is missing or empty.
    public func nonEmpty(_ name: String) -> String? {
        let text = (self[name] ?? "").trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// Adds a value.
    mutating func append(_ value: String, for name: String) { values[name, default: []].append(value) }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
