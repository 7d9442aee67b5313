/// The business-calendar part of the policy (R-CAL-1, R-VAL-2): which customary-day sets each
/// country opts into, and the company's own closing days.
///
/// The default, ``canonEurope``, opts into nothing: the calendar is weekends plus exactly the
/// peer's (python `holidays` 0.109) public holidays. In JSON:
///
/// ```json
/// { "customaryDays": { "SE": ["midsummerEve", "christmasEve", "newYearsEve"] },
///   "closingDays": [ { "date": "2026-05-15", "countries": ["SE"], "reason": "Klämdag" },
///                    { "date": "2026-12-28" } ] }
/// ```
///
/// Decoding refuses an unknown country code or a set name the country does not offer, naming the
/// known ones.
public struct CalendarPolicy: Hashable, Codable, Sendable {
    /// The opted-in customary-day sets per country (R-CAL-1).
    public var customaryDays: [CountryCode: Set<CustomaryDaySet>]
    /// The company's closing days (R-VAL-2 counts them as non-working days).
    public var closingDays: [ClosingDay]

    /// Creates a policy. Sets a country does not offer are ignored (decoding refuses them) (R-CAL-1).
    public init(customaryDays: [CountryCode: Set<CustomaryDaySet>] = [:], closingDays: [ClosingDay] = []) {
        self.customaryDays = customaryDays
        self.closingDays = closingDays
    }

    /// Canon Europe's policy (R-CAL-1): nothing opted in, no closing days — the peer's calendar.
    public static let canonEurope = CalendarPolicy()

    // MARK: - Codable

    private enum CodingKeys: String, CodingKey { case customaryDays, closingDays }

    private struct CountryKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        var customary: [CountryCode: Set<CustomaryDaySet>] = [:]
        if container.contains(.customaryDays) {
            let byCountry = try container.nestedContainer(keyedBy: CountryKey.self, forKey: .customaryDays)
            for key in byCountry.allKeys {
                guard let country = CountryCode(key.stringValue) else {
                    let error = CalendarError(.invalidCountry, input: key.stringValue)
                    throw DecodingError.dataCorruptedError(forKey: key, in: byCountry,
                                                           debugDescription: error.description)
                }
                let names = try byCountry.decode([String].self, forKey: key)
                let offered = CustomaryDaySet.available(for: country)
                var sets = Set<CustomaryDaySet>()
                for name in names {
                    guard let set = offered.first(where: { $0.name == name }) else {
                        let error = CalendarError(.unknownCustomarySet, country: country.code, input: name,
                                                  known: offered.map(\.name))
                        throw DecodingError.dataCorruptedError(forKey: key, in: byCountry,
                                                               debugDescription: error.description)
                    }
                    sets.insert(set)
                }
                customary[country] = sets
            }
        }
        self.customaryDays = customary
        self.closingDays = try container.decodeIfPresent([ClosingDay].self, forKey: .closingDays) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        var byCountry = container.nestedContainer(keyedBy: CountryKey.self, forKey: .customaryDays)
        for (country, sets) in customaryDays.sorted(by: { $0.key < $1.key }) {
            try byCountry.encode(sets.sorted().map(\.name), forKey: CountryKey(stringValue: country.code))
        }
        try container.encode(closingDays, forKey: .closingDays)
    }
}

/// A day the company is closed (R-VAL-2: not a working day), everywhere or in some countries only.
public struct ClosingDay: Hashable, Codable, Sendable {
    /// The day (R-CAL-1).
    public let date: CalendarDay
    /// The countries where the company is closed; `nil` means everywhere (R-CAL-1).
    public let countries: Set<CountryCode>?
    /// Why, for people (e.g. "Klämdag"); shown as the day's name (R-CAL-1).
    public let reason: String?

    /// Creates a closing day (R-CAL-1).
    public init(_ date: CalendarDay, countries: Set<CountryCode>? = nil, reason: String? = nil) {
        self.date = date
        self.countries = countries
        self.reason = reason
    }

    /// Whether the company is closed on ``date`` in `country` (R-CAL-1).
    public func applies(to country: CountryCode) -> Bool { countries?.contains(country) ?? true }
}
