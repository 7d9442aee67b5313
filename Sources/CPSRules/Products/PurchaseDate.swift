import Foundation

/// When a product was bought, as accurately as the owner remembers it (R-PRD-2): a day, a month or
/// only a year ("fill it in as accurately as you can").
///
/// Written and parsed as `YYYY-MM-DD`, `YYYY-MM` or `YYYY`. A date is refused if it lies in the future
/// *at its own precision*: a month-precision date is in the future only if its month is after the
/// current one, a year-precision date only if its year is after the current one.
public struct PurchaseDate: Hashable, Codable, Sendable, CustomStringConvertible {
    /// How precise the date is (R-PRD-2).
    public enum Precision: String, Codable, Sendable, Hashable, CaseIterable {
        /// Year, month and day are known.
        case day
        /// Year and month are known.
        case month
        /// Only the year is known.
        case year
    }

    /// The earliest year accepted.
    public static let earliestYear = 1900

    /// The year.
    public let year: Int
    /// The month (1…12), when known.
    public let month: Int?
    /// The day of the month, when known.
    public let day: Int?

    /// A day-precision date.
    public init(_ day: CalendarDay) throws(InputError) {
        try self.init(year: day.year, month: day.month, day: day.day)
    }

    /// A date of the precision given by which parts are present; `day` needs `month`.
    public init(year: Int, month: Int? = nil, day: Int? = nil) throws(InputError) {
        let text = [String(year), month.map(String.init), day.map(String.init)].compactMap { $0 }.joined(separator: "-")
        guard (PurchaseDate.earliestYear...9999).contains(year) else {
            throw InputError(.invalidDate, field: "purchaseDate", value: text)
        }
        if let month, !(1...12).contains(month) { throw InputError(.invalidDate, field: "purchaseDate", value: text) }
        if let day {
            guard let month, CalendarDay(year: year, month: month, day: day) != nil else {
                throw InputError(.invalidDate, field: "purchaseDate", value: text)
            }
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (surrounding spaces allowed).
    public init(parsing text: String) throws(InputError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard (1...3).contains(parts.count),
              zip(parts, widths).allSatisfy({ $0.count == $1 && $0.utf8.allSatisfy { (48...57).contains($0) } }) else {
            throw InputError(.invalidDate, field: "purchaseDate", value: text)
        }
        let numbers = parts.compactMap { Int($0) }
        try self.init(year: numbers[0], month: numbers.count > 1 ? numbers[1] : nil, day: numbers.count > 2 ? numbers[2] : nil)
    }

    /// The precision.
    public var precision: Precision {
        if day != nil { return .day }
        return month != nil ? .month : .year
    }

    /// Whether the date lies after `today` at its own precision (R-PRD-2).
    public func isInFuture(relativeTo today: CalendarDay) -> Bool {
        if year != today.year { return year > today.year }
        guard let month else { return false }
        if month != today.month { return month > today.month }
        guard let day else { return false }
        return day > today.day
    }

    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = String(year)
        if let month { text += "-" + two(month) }
        if let day { text += "-" + two(day) }
        return text
    }

    // MARK: - Codable as its text

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do { self = try PurchaseDate(parsing: text) } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected YYYY[-MM[-DD]], found \"\(text)\".")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
