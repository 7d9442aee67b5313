/// A named set of customary days off outside the peer's public holidays (R-CAL-1), which a
/// policy opts into per country — e.g. Swedish Midsummer Eve, Christmas Eve and New Year's Eve.
///
/// The default calendar is exactly python `holidays` 0.109; these sets add what many employers in a
/// country give off anyway. ``available(for:)`` lists the sets of a country; a day a set adds that
/// is already a public holiday or a weekend changes nothing.
public struct CustomaryDaySet: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    /// The set's stable name, e.g. `"midsummerEve"` (R-CAL-1).
    public let name: String

    private init(unchecked name: String) { self.name = name }

    /// The set called `name`, or `nil` when no country has such a set (R-CAL-1).
    public init?(name: String) {
        guard Self.all.contains(where: { $0.name == name }) else { return nil }
        self.name = name
    }

    /// Midsummer Eve: the Friday between 19 and 25 June (SE; in FI it is already a public holiday) (R-CAL-1).
    public static let midsummerEve = CustomaryDaySet(unchecked: "midsummerEve")
    /// Christmas Eve, 24 December, where the peer does not already have it (R-CAL-1).
    public static let christmasEve = CustomaryDaySet(unchecked: "christmasEve")
    /// New Year's Eve, 31 December (R-CAL-1).
    public static let newYearsEve = CustomaryDaySet(unchecked: "newYearsEve")
    /// The Friday after Ascension Day, a common bridge day ("klämdag") in the Nordic countries (R-CAL-1).
    public static let dayAfterAscension = CustomaryDaySet(unchecked: "dayAfterAscension")
    /// Danish Constitution Day, 5 June (the peer's optional category) (R-CAL-1).
    public static let constitutionDay = CustomaryDaySet(unchecked: "constitutionDay")
    /// Labour Day, 1 May, where the peer has it only as optional (DK) (R-CAL-1).
    public static let labourDay = CustomaryDaySet(unchecked: "labourDay")
    /// Good Friday, where it is a cantonal rather than national holiday (CH) (R-CAL-1).
    public static let goodFriday = CustomaryDaySet(unchecked: "goodFriday")
    /// Easter Monday, where it is a cantonal rather than national holiday (CH) (R-CAL-1).
    public static let easterMonday = CustomaryDaySet(unchecked: "easterMonday")
    /// Whit Monday, where it is a cantonal rather than national holiday (CH) (R-CAL-1).
    public static let whitMonday = CustomaryDaySet(unchecked: "whitMonday")
    /// Saint Stephen's Day, 26 December, where it is a cantonal rather than national holiday (CH) (R-CAL-1).
    public static let saintStephensDay = CustomaryDaySet(unchecked: "saintStephensDay")

    /// Every set, in name order (R-CAL-1).
    public static let all: [CustomaryDaySet] = [
        .christmasEve, .constitutionDay, .dayAfterAscension, .easterMonday, .goodFriday, .labourDay,
        .midsummerEve, .newYearsEve, .saintStephensDay, .whitMonday,
    ]

    /// The sets `country` offers (R-CAL-1), in name order; empty for a country without rules.
    public static func available(for country: CountryCode) -> [CustomaryDaySet] {
        guard let names = localNames[country.code] else { return [] }
        return all.filter { names[$0] != nil }
    }

    /// The rules of this set in `country`; empty when the country does not offer it (R-CAL-1).
    public func rules(for country: CountryCode) -> [HolidayRule] {
        guard let names = Self.localNames[country.code], let national = names[self],
              let language = Self.languages[country.code] else { return [] }
        let name = HolidayName(english: englishName, national: national, language: language)
        switch self {
        case .midsummerEve:
            return [HolidayRule(.weekdayOnOrAfter(weekday: Weekday.friday, month: 6, day: 19), name)]
        case .christmasEve: return [HolidayRule(.fixed(month: 12, day: 24), name)]
        case .newYearsEve: return [HolidayRule(.fixed(month: 12, day: 31), name)]
        case .dayAfterAscension: return [HolidayRule(.easter(offset: 40), name)]
        case .constitutionDay: return [HolidayRule(.fixed(month: 6, day: 5), name)]
        case .labourDay: return [HolidayRule(.fixed(month: 5, day: 1), name)]
        case .goodFriday: return [HolidayRule(.easter(offset: -2), name)]
        case .easterMonday: return [HolidayRule(.easter(offset: 1), name)]
        case .whitMonday: return [HolidayRule(.easter(offset: 50), name)]
        case .saintStephensDay: return [HolidayRule(.fixed(month: 12, day: 26), name)]
        default: return []
        }
    }

    private var englishName: String {
        switch self {
        case .midsummerEve: "Midsummer Eve"
        case .christmasEve: "Christmas Eve"
        case .newYearsEve: "New Year's Eve"
        case .dayAfterAscension: "Day after Ascension Day"
        case .constitutionDay: "Constitution Day"
        case .labourDay: "Labor Day"
        case .goodFriday: "Good Friday"
        case .easterMonday: "Easter Monday"
        case .whitMonday: "Whit Monday"
        case .saintStephensDay: "Saint Stephen's Day"
        default: name
        }
    }

    public var description: String { name }

    public static func < (lhs: CustomaryDaySet, rhs: CustomaryDaySet) -> Bool { lhs.name < rhs.name }

    // MARK: - Data: which country offers which set, and its national name

    private static let languages: [String: Language] = [
        "AT": "de", "BE": "nl", "CH": "de", "CZ": "cs", "DE": "de", "DK": "da", "ES": "es", "FI": "fi",
        "FR": "fr", "GB": "en", "HU": "hu", "IE": "en", "IT": "it", "LU": "lb", "NL": "nl", "NO": "no",
        "PL": "pl", "PT": "pt", "SE": "sv", "SK": "sk",
    ]

    private static func eves(_ christmas: String?, _ newYear: String) -> [CustomaryDaySet: String] {
        var names: [CustomaryDaySet: String] = [.newYearsEve: newYear]
        if let christmas { names[.christmasEve] = christmas }
        return names
    }

    private static let localNames: [String: [CustomaryDaySet: String]] = [
        "AT": eves("Heiliger Abend", "Silvester"),
        "BE": eves("Kerstavond", "Oudejaarsdag"),
        "CH": eves("Heiligabend", "Silvester").merging([
            .goodFriday: "Karfreitag", .easterMonday: "Ostermontag", .whitMonday: "Pfingstmontag",
            .saintStephensDay: "Stephanstag",
        ]) { $1 },
        "CZ": eves(nil, "Silvestr"),
        "DE": eves("Heiligabend", "Silvester"),
        "DK": eves("Juleaftensdag", "Nytårsaften").merging([
            .constitutionDay: "Grundlovsdag", .labourDay: "Arbejdernes kampdag",
            .dayAfterAscension: "Fredag efter Kristi himmelfartsdag",
        ]) { $1 },
        "ES": eves("Nochebuena", "Nochevieja"),
        "FI": eves(nil, "Uudenvuodenaatto"),
        "FR": eves("Veille de Noël", "Saint-Sylvestre"),
        "GB": eves("Christmas Eve", "New Year's Eve"),
        "HU": eves("Szenteste", "Szilveszter"),
        "IE": eves("Christmas Eve", "New Year's Eve"),
        "IT": eves("Vigilia di Natale", "San Silvestro"),
        "LU": eves("Hellegowend", "Silvester"),
        "NL": eves("Kerstavond", "Oudejaarsdag"),
        "NO": eves("Julaften", "Nyttårsaften").merging([
            .dayAfterAscension: "Fredag etter Kristi himmelfartsdag",
        ]) { $1 },
        "PL": eves("Wigilia Bożego Narodzenia", "Sylwester"),
        "PT": eves("Véspera de Natal", "Véspera de Ano Novo"),
        "SE": eves("Julafton", "Nyårsafton").merging([
            .midsummerEve: "Midsommarafton", .dayAfterAscension: "Klämdag efter Kristi himmelsfärdsdag",
        ]) { $1 },
        "SK": eves(nil, "Silvester"),
    ]

    // MARK: - Codable as the bare name

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let set = CustomaryDaySet(name: text) else {
            let error = CalendarError(.unknownCustomarySet, country: "any country", input: text,
                                      known: Self.all.map(\.name))
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
        self = set
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
