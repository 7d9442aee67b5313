/// The names of one holiday (R-CAL-1): English, the national language's, and Swedish where a
/// natural Swedish name exists. Names are data in the rule tables, not catalog texts.
public struct HolidayName: Hashable, Codable, Sendable {
    /// The English name, as the peer (`holidays` 0.109, `en_US`) gives it, e.g. "Whit Monday" is (R-CAL-1)
    /// "Pentecost Monday" there.
    public let english: String
    /// The name in the country's national language, e.g. "Pfingstmontag" (R-CAL-1).
    public let national: String
    /// The national language, e.g. `de` (R-CAL-1).
    public let nationalLanguage: Language
    /// The Swedish name, where one is natural (always for Sweden, and for the shared Christian (R-CAL-1)
    /// and civil days elsewhere).
    public let swedish: String?

    /// Creates a name; the Swedish one is looked up from the shared vocabulary when not given (R-CAL-1).
    public init(english: String, national: String, language: Language, swedish: String? = nil) {
        self.english = english
        self.national = national
        self.nationalLanguage = language
        self.swedish = swedish ?? (language == .swedish ? national : HolidayName.swedishVocabulary[english])
    }

    /// The name in `language`: English, the national language, or Swedish when known; the national
    /// name where no translation exists (R-CAL-1).
    public func name(in language: Language) -> String {
        if language == .english { return english }
        if language == nationalLanguage { return national }
        if language == .swedish, let swedish { return swedish }
        return national
    }

    /// The name of a substitute day: "Christmas Day (observed)" (R-CAL-1).
    public var observed: HolidayName {
        HolidayName(english: english + " (observed)", national: national + " (observed)",
                    language: nationalLanguage, swedish: swedish.map { $0 + " (ersättningsdag)" })
    }

    /// Swedish names of the holidays many countries share, keyed by the peer's English name.
    static let swedishVocabulary: [String: String] = [
        "New Year's Day": "Nyårsdagen",
        "Epiphany": "Trettondedag jul",
        "Maundy Thursday": "Skärtorsdagen",
        "Good Friday": "Långfredagen",
        "Easter Sunday": "Påskdagen",
        "Easter": "Påskdagen",
        "Easter Monday": "Annandag påsk",
        "Labor Day": "Första maj",
        "May Day": "Första maj",
        "Ascension Day": "Kristi himmelsfärdsdag",
        "Pentecost": "Pingstdagen",
        "Pentecost Monday": "Annandag pingst",
        "Whit Monday": "Annandag pingst",
        "Corpus Christi": "Kristi lekamens dag",
        "Midsummer Eve": "Midsommarafton",
        "Midsummer Day": "Midsommardagen",
        "Assumption Day": "Marie himmelsfärdsdag",
        "Assumption Of Mary Day": "Marie himmelsfärdsdag",
        "All Saints' Day": "Alla helgons dag",
        "Immaculate Conception": "Marie obefläckade avlelse",
        "Christmas Eve": "Julafton",
        "Christmas Day": "Juldagen",
        "Second Day of Christmas": "Annandag jul",
        "Saint Stephen's Day": "Annandag jul",
        "Boxing Day": "Annandag jul",
        "New Year's Eve": "Nyårsafton",
        "Independence Day": "Självständighetsdagen",
        "National Day": "Nationaldagen",
        "Constitution Day": "Grundlagsdagen",
        "Victory Day": "Segerdagen",
        "Armistice Day": "Vapenstilleståndsdagen",
        "Day after Ascension Day": "Klämdag efter Kristi himmelsfärdsdag",
        "Saint Patrick's Day": "Sankt Patricks dag",
    ]
}

/// One holiday on one day (R-CAL-1): its date and its names.
public struct Holiday: Hashable, Codable, Sendable {
    /// The day (R-CAL-1).
    public let date: CalendarDay
    /// Its names (R-CAL-1).
    public let name: HolidayName
    /// Whether this is a substitute day for a holiday that fell on a weekend (England) (R-CAL-1).
    public let isSubstitute: Bool

    /// Creates a holiday (R-CAL-1).
    public init(date: CalendarDay, name: HolidayName, isSubstitute: Bool = false) {
        self.date = date
        self.name = name
        self.isSubstitute = isSubstitute
    }
}
