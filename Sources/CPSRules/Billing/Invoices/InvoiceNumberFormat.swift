/// The shape of invoice numbers: one gap-free series per prefix and year, e.g. `CPS-2026-000001`
/// (R-BIL-2).
///
/// The issuing service keeps the counter of each series (``seriesKey(year:)``) in storage and asks
/// this format to print and read numbers; the format itself holds no state.
public struct InvoiceNumberFormat: Hashable, Codable, Sendable {
    /// The letters before the year, e.g. `"CPS"`.
    public let prefix: String
    /// The sequence's minimum width, zero-padded, e.g. 6 for `000001`.
    public let sequenceDigits: Int

    /// Creates a format; the prefix should be letters and digits.
    public init(prefix: String, sequenceDigits: Int) {
        self.prefix = prefix
        self.sequenceDigits = max(1, min(sequenceDigits, 12))
    }

    /// `CPS-<year>-<6 digits>` (placeholder).
    public static let canonEurope = InvoiceNumberFormat(prefix: "CPS", sequenceDigits: 6)

    /// The series that numbers issued in `year` belong to, e.g. `"CPS-2026"` (R-BIL-2).
    public func seriesKey(year: Int) -> String { "\(prefix)-\(year)" }

    /// The number `sequence` (1, 2, …) of `year`'s series, e.g. `CPS-2026-000001` (R-BIL-2).
    ///
    /// Refused for a sequence below 1 or wider than ``sequenceDigits`` (the series is full) and for a
    /// year outside 1…9999.
    public func number(year: Int, sequence: Int) throws(BillingError) -> String {
        let digits = String(sequence)
        guard sequence >= 1, digits.count <= sequenceDigits, (1...9999).contains(year) else {
            throw BillingError(.invalidInvoiceNumber, facts: ["number": "\(seriesKey(year: year))-\(sequence)"])
        }
        return seriesKey(year: year) + "-" + String(repeating: "0", count: sequenceDigits - digits.count) + digits
    }

    /// The year and sequence of `text`, or ``BillingError/Reason/invalidInvoiceNumber`` (R-BIL-2).
    public func parse(_ text: String) throws(BillingError) -> (year: Int, sequence: Int) {
        let failure = BillingError(.invalidInvoiceNumber, facts: ["number": String(text.prefix(40))])
        guard text.hasPrefix(prefix + "-") else { throw failure }
        let parts = text.dropFirst(prefix.count + 1).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == 4, parts[1].utf8.count == sequenceDigits,
              parts.allSatisfy({ $0.utf8.allSatisfy { (48...57).contains($0) } }),
              let year = Int(parts[0]), let sequence = Int(parts[1]), year >= 1, sequence >= 1 else { throw failure }
        return (year, sequence)
    }
}
