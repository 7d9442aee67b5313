/// Why a calendar request was refused (R-CAL-1), with a catalog message in the user's language.
public struct CalendarError: LocalizedFailure, Equatable {
    /// The kind of refusal (R-CAL-1).
    public enum Reason: String, Sendable, Codable, CaseIterable {
        /// The country has no built-in holiday rules.
        case unsupportedCountry
        /// The text is not a two-letter country code.
        case invalidCountry
        /// The year is outside 1900–2100.
        case yearOutOfRange
        /// The text is not a date written as YYYY-MM-DD.
        case invalidDate
        /// The number of working days is not a whole number.
        case invalidCount
        /// The number of working days is beyond the limit (R-VAL-2); the limit is the fact `known`.
        case countOutOfRange
        /// The day would fall before 0001-01-01 or after 9999-12-31 (R-CAL-1); `known` is the start day.
        case dateOutOfRange
        /// The customary-day set name is unknown for the country.
        case unknownCustomarySet
    }

    /// The kind of refusal (R-CAL-1).
    public let reason: Reason
    /// The facts of the message (R-CAL-1).
    public let textArguments: [String: String]

    /// Creates an error; unused facts are left empty (R-CAL-1).
    public init(_ reason: Reason, country: String = "", year: Int? = nil, input: String = "",
                known: [String] = []) {
        self.reason = reason
        self.textArguments = ["country": country, "year": year.map(String.init) ?? "", "input": input,
                              "known": known.joined(separator: ", ")]
    }

    /// `calendar.<reason>` (R-CAL-1).
    public var code: String { "calendar.\(reason.rawValue)" }
    /// `calendar.error.<reason>` (R-CAL-1).
    public var textKey: TextKey { TextKey("calendar.error.\(reason.rawValue)") }
}
