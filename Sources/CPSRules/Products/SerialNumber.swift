import Foundation

/// A product's serial number, normalised (R-PRD-2): trimmed, upper-cased, spaces and dashes removed;
/// then only A–Z and 0–9, with a length within the policy's bounds (default 4–20).
///
/// `"ab-12 34"` and `"AB1234"` are the same serial number.
public struct SerialNumber: Hashable, Codable, Sendable, Comparable, CustomStringConvertible {
    /// The normalised serial number.
    public let value: String

    /// Normalises and checks `text` against the context's policy (R-PRD-2): pass `context.policy`,
    /// so a host's own length bounds apply.
    public init(_ text: String, policy: CPSPolicy) throws(ProductError) {
        try self.init(text, policy: policy.products)
    }

    /// Normalises and checks `text` against `policy`'s serial-number bounds (R-PRD-2). There is no
    /// default: the shipped ``ProductPolicy/sample`` is sample data, not the host's policy.
    public init(_ text: String, policy: ProductPolicy) throws(ProductError) {
        let normalised = SerialNumber.normalise(text)
        guard !normalised.isEmpty else { throw ProductError(.invalidSerial, facts: ["serial": String(text.prefix(60))]) }
        guard normalised.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) else {
            throw ProductError(.invalidSerial, facts: ["serial": String(text.prefix(60))])
        }
        guard (policy.serialMinimumLength...max(policy.serialMinimumLength, policy.serialMaximumLength))
            .contains(normalised.count) else {
            throw ProductError(.serialLength, facts: [
                "serial": normalised.count > 60 ? String(normalised.prefix(60)) + "…" : normalised,
                "minimum": String(policy.serialMinimumLength), "maximum": String(policy.serialMaximumLength)])
        }
        value = normalised
    }

    /// Trims, upper-cases and removes spaces and dashes (no other check).
    public static func normalise(_ text: String) -> String {
        String(text.trimmingCharacters(in: .whitespacesAndNewlines).uppercased().filter {
            $0 != " " && $0 != "-" && $0 != "\u{2010}" && $0 != "\u{2011}" && $0 != "\u{2013}" && $0 != "\t"
        })
    }

    public var description: String { value }

    public static func < (lhs: SerialNumber, rhs: SerialNumber) -> Bool { lhs.value < rhs.value }

    /// A serial number as stored (already normalised), as `init(from:)` reads it: for hand-written
    /// coders of the benchmark (`cps-bench`'s `payload-codec-product` row).
    package init(storedValue: String) { value = storedValue }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
