/// Why a calendar request was refused (R-CAL-1), with a catalog message in the user's language.
///
/// A struct around a reason: compare ``reason`` with the static members. Every reason is a refusal.
public struct CalendarError: LocalizedFailure, Equatable {
    /// The kind of refusal (R-CAL-1).
    public struct Reason: Hashable, Sendable, CustomStringConvertible {
        fileprivate enum Representation: String, CaseIterable {
            case unsupportedCountry, invalidCountry, yearOutOfRange, invalidDate, invalidCount, unknownCustomarySet
            case countOutOfRange, dateOutOfRange
        }

        fileprivate let representation: Representation
        fileprivate init(_ representation: Representation) { self.representation = representation }

        /// The reason's name, as in ``CalendarError/code``.
        public var description: String { representation.rawValue }

        /// The country has no built-in holiday rules.
        public static let unsupportedCountry = Reason(.unsupportedCountry)
        /// The text is not a two-letter country code.
        public static let invalidCountry = Reason(.invalidCountry)
        /// The year is outside 1900–2100.
        public static let yearOutOfRange = Reason(.yearOutOfRange)
        /// The text is not a date written as YYYY-MM-DD.
        public static let invalidDate = Reason(.invalidDate)
        /// The number of working days is not a whole number.
        public static let invalidCount = Reason(.invalidCount)
        /// The number of working days is beyond the limit (R-VAL-2); the limit is the fact `known`.
        public static let countOutOfRange = Reason(.countOutOfRange)
        /// The day would fall before 0001-01-01 or after 9999-12-31 (R-CAL-1); `known` is the start day.
        public static let dateOutOfRange = Reason(.dateOutOfRange)
        /// The customary-day set name is unknown for the country.
        public static let unknownCustomarySet = Reason(.unknownCustomarySet)

        /// Every reason, for tests and documentation.
        public static var allCases: [Reason] { Representation.allCases.map(Reason.init) }
    }

    /// The kind of refusal (R-CAL-1).
    public let reason: Reason
    /// The country concerned, if any (R-CAL-1).
    public let country: String
    /// The year concerned, if any.
    public let year: Int?
    /// The text given.
    public let input: String
    /// The known values (countries, sets), for the message.
    public let known: [String]

    /// Creates an error; unused facts are left empty (R-CAL-1).
    public init(_ reason: Reason, country: String = "", year: Int? = nil, input: String = "",
                known: [String] = []) {
        self.reason = reason
        self.country = country
        self.year = year
        self.input = String(input.prefix(200))
        self.known = known
    }

    /// `calendar.<reason>` (R-CAL-1).
    public var code: String { "calendar.\(reason)" }
    /// Always ``FailureCategory/refusal``.
    public var category: FailureCategory { .refusal }
    /// `calendar.error.<reason>` (R-CAL-1).
    public var textKey: TextKey { TextKey("calendar.error.\(reason)") }
    /// The country by its name, the year, the input, the known values (R-MSG-1).
    public var messageArguments: [String: MessageArgument] {
        var arguments: [String: MessageArgument] = ["input": .text(input)]
        if let code = CountryCode(country) { arguments["country"] = .country(code) } else { arguments["country"] = .text(country) }
        if let year { arguments["year"] = .text(String(year)) }
        let names: [MessageArgument] = known.map { CountryCode($0).map(MessageArgument.country) ?? .text($0) }
        arguments["known"] = .list(names)
        return arguments
    }

    /// One example of every reason (R-MSG-1), complete by an exhaustive `switch`.
    package static var examples: [CalendarError] {
        Reason.Representation.allCases.map { representation in
            switch representation {
            case .unsupportedCountry: CalendarError(.unsupportedCountry, country: "US", known: ["SE", "DE", "GB"])
            case .invalidCountry: CalendarError(.invalidCountry, input: "Sweden")
            case .yearOutOfRange: CalendarError(.yearOutOfRange, year: 2101)
            case .invalidDate: CalendarError(.invalidDate, input: "2026-13-01")
            case .invalidCount: CalendarError(.invalidCount, input: "three")
            case .unknownCustomarySet: CalendarError(.unknownCustomarySet, country: "SE", input: "summer", known: ["common"])
            case .countOutOfRange: CalendarError(.countOutOfRange, input: "-9223372036854775808", known: ["100000"])
            case .dateOutOfRange: CalendarError(.dateOutOfRange, input: "100", known: ["9999-12-01"])
            }
        }
    }
}
