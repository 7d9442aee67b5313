/// The last number issued in one invoice series (R-BIL-2), e.g. series `CPS-2026`.
///
/// The issuing job updates it **with its version, in the same batch as the invoice** that takes the
/// number: of two jobs issuing at once, one commits and the other gets a conflict and retries with
/// the next number, so the series stays gap-free and never repeats a number.
public struct InvoiceSeriesCounter: StoredRecord, Equatable {
    /// The record kind, stable forever (R-ADP-1).
    public static let kind = "invoice-series"

    /// The series key, e.g. `CPS-2026` (``InvoiceNumberFormat/seriesKey(year:)``).
    public let id: String
    /// The year of the series.
    public let year: Int
    /// The last sequence number issued; 0 before the first invoice.
    public var lastSequence: Int

    /// A new, empty series.
    package init(series: String, year: Int) {
        id = series
        self.year = year
        lastSequence = 0
    }
}
