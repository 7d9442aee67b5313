import Foundation

extension String {
    /// Exactly `trimmingCharacters(in: .whitespaces)` (or `.whitespacesAndNewlines` with `newlines`),
    /// without Foundation's `NSString` round trip in the common case: when the first and the last byte
    /// are printable ASCII other than the space (`!` … `~`), which neither set contains, nothing is
    /// trimmed and the text itself is the answer. Anything else goes to Foundation. A profile of the
    /// journey showed the round trip in every decoded e-mail address and country code (issue 17).
    package func trimmingWhitespace(andNewlines newlines: Bool = false) -> String {
        if Self.hasNothingToTrim(first: utf8.first, last: utf8.last) { return self }
        return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }

    /// Whether text from `first` to `last` (bytes) starts and ends with a character no whitespace or
    /// newline set holds.
    @inline(__always)
    static func hasNothingToTrim(first: UInt8?, last: UInt8?) -> Bool {
        guard let first, let last else { return false }
        return (0x21...0x7E).contains(first) && (0x21...0x7E).contains(last)
    }
}

extension Substring {
    /// ``Swift/String/trimmingWhitespace(andNewlines:)`` of a substring.
    package func trimmingWhitespace(andNewlines newlines: Bool = false) -> String {
        if String.hasNothingToTrim(first: utf8.first, last: utf8.last) { return String(self) }
        return trimmingCharacters(in: newlines ? .whitespacesAndNewlines : .whitespaces)
    }
}
