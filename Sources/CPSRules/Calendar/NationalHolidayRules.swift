/// The national public-holiday rules of the participating countries (R-CAL-1), as data.
///
/// The default is exactly python `holidays` 0.109 with its default category (public) and no
/// subdivision — for GB, England (`subdiv="ENG"`). Each table below mirrors the peer's
/// `_populate_public_holidays` for its country: fixed dates, Easter-relative dates, nth-weekday and
/// "the Saturday between …" rules, substitute days, and rules that start or end in a given year.
/// One-off proclaimed days (jubilees, decreed bridge days) are listed as single-year rules.
public enum NationalHolidayRules {
    /// The countries with built-in rules (R-CAL-1), in code order.
    public static let supportedCountries: [CountryCode] = table.keys.sorted().compactMap { CountryCode($0) }

    /// The rules of `country`, or `nil` when CPSKit has none (R-CAL-1: weekends only).
    public static func rules(for country: CountryCode) -> [HolidayRule]? { table[country.code] }

    static let table: [String: [HolidayRule]] = [
        "AT": austria, "BE": belgium, "CH": switzerland, "CZ": czechia, "DE": germany,
        "DK": denmark, "ES": spain, "FI": finland, "FR": france, "GB": england, "HU": hungary,
        "IE": ireland, "IT": italy, "LU": luxembourg, "NL": netherlands, "NO": norway,
        "PL": poland, "PT": portugal, "SE": sweden, "SK": slovakia,
    ]

    // MARK: - Building blocks

    /// Makes the rules of one country, all named in its national language.
    struct Book {
        let language: Language

        func callAsFunction(_ date: HolidayRule.DateRule, _ english: String, _ national: String,
                            from: Int? = nil, through: Int? = nil, except: Set<Int> = [],
                            every: Int? = nil, weekend: HolidayRule.WeekendHandling = .none) -> HolidayRule {
            HolidayRule(date, HolidayName(english: english, national: national, language: language),
                        from: from, through: through, except: except, every: every, weekend: weekend)
        }

        /// A day proclaimed once, in `year` only.
        func once(_ year: Int, _ month: Int, _ day: Int, _ english: String, _ national: String) -> HolidayRule {
            self(.fixed(month: month, day: day), english, national, from: year, through: year)
        }
    }

    static func on(_ month: Int, _ day: Int) -> HolidayRule.DateRule { .fixed(month: month, day: day) }
    static func easter(_ offset: Int) -> HolidayRule.DateRule { .easter(offset: offset) }
    static func years(_ first: Int, _ last: Int) -> Set<Int> { Set(first...last) }

    static let mon = Weekday.monday, wed = Weekday.wednesday, fri = Weekday.friday
    static let sat = Weekday.saturday, sun = Weekday.sunday

    // MARK: - Countries

    static let austria: [HolidayRule] = {
        let r = Book(language: "de")
        return [
            r(on(1, 1), "New Year's Day", "Neujahr"),
            r(on(1, 6), "Epiphany", "Heilige Drei Könige", except: years(1946, 1949)),
            r(easter(1), "Easter Monday", "Ostermontag"),
            r(on(5, 1), "Labor Day", "Staatsfeiertag", from: 1946),
            r(easter(39), "Ascension Day", "Christi Himmelfahrt"),
            r(easter(50), "Pentecost Monday", "Pfingstmontag"),
            r(on(6, 29), "Saint Peter and Saint Paul's Day", "Peter und Paul", through: 1945),
            r(easter(60), "Corpus Christi", "Fronleichnam"),
            r(on(8, 15), "Assumption Day", "Mariä Himmelfahrt"),
            r(on(10, 26), "National Day", "Nationalfeiertag", from: 1967),
            r(on(11, 1), "All Saints' Day", "Allerheiligen"),
            r(on(12, 8), "Immaculate Conception", "Mariä Empfängnis", except: years(1945, 1954)),
            r(on(12, 25), "Christmas Day", "Christtag"),
            r(on(12, 26), "Saint Stephen's Day", "Stephanstag"),
        ]
    }()

    static let belgium: [HolidayRule] = {
        let r = Book(language: "nl")
        return [
            r(on(1, 1), "New Year's Day", "Nieuwjaar"),
            r(easter(0), "Easter Sunday", "Pasen"),
            r(easter(1), "Easter Monday", "Paasmaandag"),
            r(on(5, 1), "Labor Day", "Dag van de Arbeid"),
            r(easter(39), "Ascension Day", "O. L. H. Hemelvaart"),
            r(easter(49), "Pentecost", "Pinksteren"),
            r(easter(50), "Pentecost Monday", "Pinkstermaandag"),
            r(on(7, 21), "National Day", "Nationale feestdag"),
            r(on(8, 15), "Assumption Day", "O. L. V. Hemelvaart"),
            r(on(11, 1), "All Saints' Day", "Allerheiligen"),
            r(on(11, 11), "Armistice Day", "Wapenstilstand"),
            r(on(12, 25), "Christmas Day", "Kerstmis"),
        ]
    }()

    static let switzerland: [HolidayRule] = {
        let r = Book(language: "de")
        return [
            r(on(1, 1), "New Year's Day", "Neujahrstag"),
            r(easter(39), "Ascension Day", "Auffahrt"),
            r(on(8, 1), "National Day", "Nationalfeiertag"),
            r(on(12, 25), "Christmas Day", "Weihnachten"),
        ]
    }()

    static let czechia: [HolidayRule] = {
        let r = Book(language: "cs")
        return [
            r(on(1, 1), "New Year's Day", "Nový rok"),
            r(on(1, 1), "Independent Czech State Restoration Day", "Den obnovy samostatného českého státu",
              from: 2000),
            r(easter(-2), "Good Friday", "Velký pátek", from: 2016),
            r(easter(1), "Easter Monday", "Velikonoční pondělí"),
            r(on(5, 1), "Labor Day", "Svátek práce"),
            r(on(5, 9), "Day of liberation from Fascism", "Den osvobození od fašismu", through: 1991),
            r(on(5, 8), "Day of liberation from Fascism", "Den osvobození od fašismu", from: 1992, through: 2000),
            r(on(5, 8), "Liberation Day", "Den osvobození", from: 2001, through: 2003),
            r(on(5, 8), "Victory Day", "Den vítězství", from: 2004),
            r(on(7, 5), "Saints Cyril and Methodius Day", "Den slovanských věrozvěstů Cyrila a Metoděje",
              from: 1990),
            r(on(7, 6), "Jan Hus Day", "Den upálení mistra Jana Husa", from: 1990),
            r(on(9, 28), "Statehood Day", "Den české státnosti", from: 2000),
            r(on(10, 28), "Independent Czechoslovak State Day", "Den vzniku samostatného československého státu"),
            r(on(11, 17), "Struggle for Freedom and Democracy Day", "Den boje za svobodu a demokracii",
              from: 1990, through: 2018),
            r(on(11, 17), "Struggle for Freedom and Democracy Day and International Students' Day",
              "Den boje za svobodu a demokracii a Mezinárodní den studentstva", from: 2019),
            r(on(12, 24), "Christmas Eve", "Štědrý den", from: 1990),
            r(on(12, 25), "Christmas Day", "1. svátek vánoční"),
            r(on(12, 26), "Second Day of Christmas", "2. svátek vánoční"),
        ]
    }()

    static let germany: [HolidayRule] = {
        let r = Book(language: "de")
        return [
            r(on(1, 1), "New Year's Day", "Neujahr"),
            r(easter(-2), "Good Friday", "Karfreitag"),
            r(easter(1), "Easter Monday", "Ostermontag"),
            r(on(5, 1), "Labor Day", "Erster Mai"),
            r(easter(39), "Ascension Day", "Christi Himmelfahrt"),
            r(easter(50), "Pentecost Monday", "Pfingstmontag"),
            r(on(10, 3), "German Unity Day", "Tag der Deutschen Einheit"),
            r(.weekdayOnOrBefore(weekday: wed, month: 11, day: 22), "Repentance and Prayer Day", "Buß- und Bettag",
              through: 1994),
            r(on(12, 25), "Christmas Day", "Erster Weihnachtstag"),
            r(on(12, 26), "Second Day of Christmas", "Zweiter Weihnachtstag"),
            r.once(2017, 10, 31, "Reformation Day", "Reformationstag"),
        ]
    }()

    static let denmark: [HolidayRule] = {
        let r = Book(language: "da")
        return [
            r(on(1, 1), "New Year's Day", "Nytårsdag"),
            r(easter(-3), "Maundy Thursday", "Skærtorsdag"),
            r(easter(-2), "Good Friday", "Langfredag"),
            r(easter(0), "Easter Sunday", "Påskedag"),
            r(easter(1), "Easter Monday", "Anden påskedag"),
            r(easter(26), "Great Prayer Day", "Store bededag", through: 2023),
            r(easter(39), "Ascension Day", "Kristi himmelfartsdag"),
            r(easter(49), "Pentecost", "Pinsedag"),
            r(easter(50), "Pentecost Monday", "Anden pinsedag"),
            r(on(12, 25), "Christmas Day", "Juledag"),
            r(on(12, 26), "Second Day of Christmas", "Anden juledag"),
        ]
    }()

    static let spain: [HolidayRule] = {
        // A national holiday on a Sunday is not a national day off: the regions may move it.
        let r = Book(language: "es")
        let sundayDropped = HolidayRule.WeekendHandling.drop(weekdays: [sun])
        return [
            r(on(1, 1), "New Year's Day", "Año Nuevo", weekend: sundayDropped),
            r(on(1, 6), "Epiphany", "Epifanía del Señor", weekend: sundayDropped),
            r(easter(-2), "Good Friday", "Viernes Santo"),
            r(on(5, 1), "Labor Day", "Fiesta del Trabajo", weekend: sundayDropped),
            r(on(8, 15), "Assumption Day", "Asunción de la Virgen", weekend: sundayDropped),
            r(on(10, 12), "National Day", "Fiesta Nacional de España", weekend: sundayDropped),
            r(on(11, 1), "All Saints' Day", "Todos los Santos", weekend: sundayDropped),
            r(on(12, 6), "Constitution Day", "Día de la Constitución Española", weekend: sundayDropped),
            r(on(12, 8), "Immaculate Conception", "Inmaculada Concepción", weekend: sundayDropped),
            r(on(12, 25), "Christmas Day", "Natividad del Señor", weekend: sundayDropped),
        ]
    }()

    static let finland: [HolidayRule] = {
        let r = Book(language: "fi")
        return [
            r(on(1, 1), "New Year's Day", "Uudenvuodenpäivä"),
            r(on(1, 6), "Epiphany", "Loppiainen", except: years(1973, 1990)),
            r(.weekdayOnOrAfter(weekday: sat, month: 1, day: 6), "Epiphany", "Loppiainen", from: 1973, through: 1990),
            r(easter(-2), "Good Friday", "Pitkäperjantai"),
            r(easter(0), "Easter Sunday", "Pääsiäispäivä"),
            r(easter(1), "Easter Monday", "Toinen pääsiäispäivä"),
            r(on(5, 1), "May Day", "Vappu", from: 1944),
            r(easter(39), "Ascension Day", "Helatorstai", except: years(1973, 1990)),
            r(easter(34), "Ascension Day", "Helatorstai", from: 1973, through: 1990),
            r(easter(49), "Pentecost", "Helluntaipäivä"),
            r(on(6, 23), "Midsummer Eve", "Juhannusaatto", through: 1954),
            r(.weekdayOnOrAfter(weekday: fri, month: 6, day: 19), "Midsummer Eve", "Juhannusaatto", from: 1955),
            r(on(6, 24), "Midsummer Day", "Juhannuspäivä", through: 1954),
            r(.weekdayOnOrAfter(weekday: sat, month: 6, day: 20), "Midsummer Day", "Juhannuspäivä", from: 1955),
            r(on(11, 1), "All Saints' Day", "Pyhäinpäivä", through: 1954),
            r(.weekdayOnOrAfter(weekday: sat, month: 10, day: 31), "All Saints' Day", "Pyhäinpäivä", from: 1955),
            r(on(12, 6), "Independence Day", "Itsenäisyyspäivä", from: 1919),
            r(on(12, 24), "Christmas Eve", "Jouluaatto"),
            r(on(12, 25), "Christmas Day", "Joulupäivä"),
            r(on(12, 26), "Second Day of Christmas", "Tapaninpäivä"),
        ]
    }()

    static let france: [HolidayRule] = {
        let r = Book(language: "fr")
        return [
            r(on(1, 1), "New Year's Day", "Jour de l'an"),
            r(easter(1), "Easter Monday", "Lundi de Pâques"),
            r(easter(50), "Pentecost Monday", "Lundi de Pentecôte", except: [2005, 2006, 2007]),
            r(on(5, 1), "May Day", "1er mai", from: 1919, through: 1940),
            r(on(5, 1), "Labor and Social Concord Day", "Fête du Travail et de la Concorde sociale",
              from: 1941, through: 1945),
            r(on(5, 1), "May Day", "1er mai", from: 1946, through: 1947),
            r(on(5, 1), "Labor Day", "Fête du Travail", from: 1948),
            r(on(5, 8), "Victory Day", "Fête de la Victoire", from: 1953, through: 1959),
            r(on(5, 8), "Victory Day", "Fête de la Victoire", from: 1982),
            r(easter(39), "Ascension Day", "Ascension"),
            r(on(7, 14), "National Day", "Fête nationale"),
            r(on(8, 15), "Assumption Day", "Assomption"),
            r(on(11, 1), "All Saints' Day", "Toussaint"),
            r(on(11, 11), "Armistice Day", "Armistice", from: 1922),
            r(on(12, 25), "Christmas Day", "Noël"),
        ]
    }()

    /// England (GB's default for CPS): the peer's `subdiv="ENG"`, with its substitute days.
    static let england: [HolidayRule] = {
        let r = Book(language: "en")
        let nextMonday = HolidayRule.WeekendHandling.substitute(shift: [sat: 2, sun: 1])
        let nextMondayOrTuesday = HolidayRule.WeekendHandling.substitute(shift: [sat: 2, sun: 2])
        return [
            r(on(1, 1), "New Year's Day", "New Year's Day", from: 1975, weekend: nextMonday),
            r(easter(-2), "Good Friday", "Good Friday"),
            r(easter(1), "Easter Monday", "Easter Monday"),
            r(.nthWeekday(n: 1, weekday: mon, month: 5), "May Day", "May Day", from: 1978, except: [1995, 2020]),
            r.once(1995, 5, 8, "May Day", "May Day"),
            r.once(2020, 5, 8, "May Day", "May Day"),
            r(easter(50), "Whit Monday", "Whit Monday", through: 1970),
            r(.nthWeekday(n: -1, weekday: mon, month: 5), "Spring Bank Holiday", "Spring Bank Holiday",
              from: 1971, except: [2002, 2012, 2022]),
            r.once(2002, 6, 4, "Spring Bank Holiday", "Spring Bank Holiday"),
            r.once(2012, 6, 4, "Spring Bank Holiday", "Spring Bank Holiday"),
            r.once(2022, 6, 2, "Spring Bank Holiday", "Spring Bank Holiday"),
            r(.nthWeekday(n: -1, weekday: mon, month: 8), "Late Summer Bank Holiday", "Late Summer Bank Holiday",
              from: 1971),
            r(on(12, 25), "Christmas Day", "Christmas Day", weekend: nextMondayOrTuesday),
            r(on(12, 26), "Boxing Day", "Boxing Day", weekend: nextMondayOrTuesday),
            r.once(1977, 6, 7, "Silver Jubilee of Elizabeth II", "Silver Jubilee of Elizabeth II"),
            r.once(1981, 7, 29, "Wedding of Charles and Diana", "Wedding of Charles and Diana"),
            r.once(1999, 12, 31, "Millennium Celebrations", "Millennium Celebrations"),
            r.once(2002, 6, 3, "Golden Jubilee of Elizabeth II", "Golden Jubilee of Elizabeth II"),
            r.once(2011, 4, 29, "Wedding of William and Catherine", "Wedding of William and Catherine"),
            r.once(2012, 6, 5, "Diamond Jubilee of Elizabeth II", "Diamond Jubilee of Elizabeth II"),
            r.once(2022, 6, 3, "Platinum Jubilee of Elizabeth II", "Platinum Jubilee of Elizabeth II"),
            r.once(2022, 9, 19, "State Funeral of Queen Elizabeth II", "State Funeral of Queen Elizabeth II"),
            r.once(2023, 5, 8, "Coronation of Charles III", "Coronation of Charles III"),
        ]
    }()

    static let hungary: [HolidayRule] = {
        let r = Book(language: "hu")
        let socialist = 1950...1989
        var rules = [
            r(on(1, 1), "New Year's Day", "Újév"),
            r(on(3, 15), "National Day", "Nemzeti ünnep", except: Set(1951...1988)),
            r(on(10, 23), "National Day", "Nemzeti ünnep", from: 1991),
            r(easter(-2), "Good Friday", "Nagypéntek", from: 2017),
            r(easter(0), "Easter", "Húsvét"),
            r(easter(1), "Easter Monday", "Húsvét Hétfő", except: [1955]),
            r(easter(49), "Pentecost", "Pünkösd"),
            r(easter(50), "Pentecost Monday", "Pünkösdhétfő", except: years(1953, 1991)),
            r(on(5, 1), "Labor Day", "A Munka ünnepe", from: 1946),
            r(on(5, 2), "Labor Day", "A Munka ünnepe", from: 1950, through: 1953),
            r(on(8, 20), "Bread Day", "A kenyér ünnepe", from: socialist.lowerBound, through: socialist.upperBound),
            r(on(8, 20), "State Foundation Day", "Az államalapítás ünnepe", except: Set(socialist)),
            r(on(11, 1), "All Saints' Day", "Mindenszentek", from: 1999),
            r(on(12, 24), "Christmas Eve", "Szenteste", from: 2026),
            r(on(12, 25), "Christmas Day", "Karácsony"),
            r(on(12, 26), "Second Day of Christmas", "Karácsony másnapja", except: [1955]),
            r(on(3, 21), "Proclamation of Soviet Republic Day", "A Tanácsköztársaság kikiáltásának ünnepe",
              from: 1950, through: 1989),
            r(on(4, 4), "Liberation Day", "A felszabadulás ünnepe", from: 1950, through: 1989),
            r(on(11, 7), "Great October Socialist Revolution Day", "A nagy októberi szocialista forradalom ünnepe",
              from: 1950, through: 1989, except: [1956, 1989]),
        ]
        for day in hungarianBridgeDays {
            rules.append(r.once(day.year, day.month, day.day,
                                "Day off (substituted from \(day.workedOn.usFormat))",
                                "Pihenőnap (\(day.workedOn.hungarianFormat)-től helyettesítve)"))
        }
        return rules
    }()

    /// Hungary's decreed bridge days: a weekday off, worked on the Saturday `workedOn`. These are
    /// decrees, not rules, so they are data (the peer's `special_public_holidays`).
    static let hungarianBridgeDays: [(year: Int, month: Int, day: Int, workedOn: DayMonth)] = {
        let table: [Int: [(Int, Int, Int, Int)]] = [
            1991: [(8, 19, 8, 17)],
            1992: [(8, 21, 8, 29), (12, 24, 12, 19)],
            1993: [(12, 24, 12, 18)],
            1994: [(3, 14, 3, 12)],
            1997: [(5, 2, 4, 26), (10, 24, 10, 18), (12, 24, 12, 20)],
            1998: [(1, 2, 1, 10), (8, 21, 8, 15), (12, 24, 12, 19)],
            1999: [(12, 24, 12, 18)],
            2001: [(3, 16, 3, 10), (4, 30, 4, 28), (10, 22, 10, 20), (11, 2, 10, 27), (12, 24, 12, 22),
                   (12, 31, 12, 29)],
            2002: [(8, 19, 8, 10), (12, 24, 12, 28)],
            2003: [(5, 2, 4, 26), (10, 24, 10, 18), (12, 24, 12, 13)],
            2004: [(1, 2, 1, 10), (12, 24, 12, 18)],
            2005: [(3, 14, 3, 19), (10, 31, 11, 5)],
            2007: [(3, 16, 3, 10), (4, 30, 4, 21), (10, 22, 10, 20), (11, 2, 10, 27), (12, 24, 12, 22),
                   (12, 31, 12, 29)],
            2008: [(5, 2, 4, 26), (10, 24, 10, 18), (12, 24, 12, 20)],
            2009: [(1, 2, 3, 28), (8, 21, 8, 29), (12, 24, 12, 19)],
            2010: [(12, 24, 12, 11)],
            2011: [(3, 14, 3, 19), (10, 31, 11, 5)],
            2012: [(3, 16, 3, 24), (4, 30, 4, 21), (10, 22, 10, 27), (11, 2, 11, 10), (12, 24, 12, 15),
                   (12, 31, 12, 1)],
            2013: [(8, 19, 8, 24), (12, 24, 12, 7), (12, 27, 12, 21)],
            2014: [(5, 2, 5, 10), (10, 24, 10, 18), (12, 24, 12, 13)],
            2015: [(1, 2, 1, 10), (8, 21, 8, 8), (12, 24, 12, 12)],
            2016: [(3, 14, 3, 5), (10, 31, 10, 15)],
            2018: [(3, 16, 3, 10), (4, 30, 4, 21), (10, 22, 10, 13), (11, 2, 11, 10), (12, 24, 12, 1),
                   (12, 31, 12, 15)],
            2019: [(8, 19, 8, 10), (12, 24, 12, 7), (12, 27, 12, 14)],
            2020: [(8, 21, 8, 29), (12, 24, 12, 12)],
            2021: [(12, 24, 12, 11)],
            2022: [(3, 14, 3, 26), (10, 31, 10, 15)],
            2024: [(8, 19, 8, 3), (12, 24, 12, 7), (12, 27, 12, 14)],
            2025: [(5, 2, 5, 17), (10, 24, 10, 18), (12, 24, 12, 13)],
            2026: [(1, 2, 1, 10), (8, 21, 8, 8)],
        ]
        return table.sorted { $0.key < $1.key }.flatMap { year, days in
            days.map { (year: year, month: $0.0, day: $0.1, workedOn: DayMonth(year: year, month: $0.2, day: $0.3)) }
        }
    }()

    /// A date as the Hungarian decree names it, in the two formats the peer prints.
    struct DayMonth {
        let year: Int, month: Int, day: Int
        private func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var usFormat: String { "\(two(month))/\(two(day))/\(year)" }
        var hungarianFormat: String { "\(year). \(two(month)). \(two(day))." }
    }

    static let ireland: [HolidayRule] = {
        let r = Book(language: "en")
        return [
            r(on(1, 1), "New Year's Day", "New Year's Day", from: 1975),
            r(.fixedOnWeekdayElseNext(month: 2, day: 1, weekday: fri, otherwise: mon),
              "Saint Brigid's Day", "Saint Brigid's Day", from: 2023),
            r(on(3, 17), "Saint Patrick's Day", "Saint Patrick's Day", from: 1903),
            r(easter(1), "Easter Monday", "Easter Monday"),
            r(.nthWeekday(n: 1, weekday: mon, month: 5), "May Bank Holiday", "May Bank Holiday",
              from: 1994, except: [1995]),
            r.once(1995, 5, 8, "May Bank Holiday", "May Bank Holiday"),
            r(.nthWeekday(n: 1, weekday: mon, month: 6), "June Bank Holiday", "June Bank Holiday", from: 1973),
            r(easter(50), "Whit Monday", "Whit Monday", through: 1972),
            r(.nthWeekday(n: 1, weekday: mon, month: 8), "August Bank Holiday", "August Bank Holiday"),
            r(.nthWeekday(n: -1, weekday: mon, month: 10), "October Bank Holiday", "October Bank Holiday",
              from: 1977),
            r(on(12, 25), "Christmas Day", "Christmas Day"),
            r(on(12, 26), "Saint Stephen's Day", "Saint Stephen's Day"),
            r.once(1999, 12, 31, "Millennium Celebrations", "Millennium Celebrations"),
            r.once(2011, 9, 14, "National Day of Mourning", "National Day of Mourning"),
            r.once(2022, 3, 18, "Day of Remembrance and Recognition", "Day of Remembrance and Recognition"),
        ]
    }()

    static let italy: [HolidayRule] = {
        let r = Book(language: "it")
        let unification = ("Anniversary of the Unification of Italy", "Anniversario dell'Unità d'Italia")
        return [
            r(on(1, 1), "New Year's Day", "Capodanno"),
            r(on(1, 6), "Epiphany", "Epifania", except: years(1978, 1985)),
            r(on(3, 19), "Saint Joseph's Day", "San Giuseppe", from: 1929, through: 1976),
            r(easter(0), "Easter Sunday", "Pasqua"),
            r(easter(1), "Easter Monday", "Lunedì dell'Angelo", from: 1950),
            r(on(4, 21), "Foundation of Rome", "Natale di Roma", from: 1923, through: 1941),
            r(on(4, 25), "Liberation Day", "Anniversario della Liberazione", from: 1946),
            r(on(5, 1), "Labor Day", "Festa del Lavoro", from: 1946),
            r(on(5, 8), "Anniversary of Victory in Europe", "Anniversario della Vittoria in Europa",
              from: 1946, through: 1949),
            r(on(5, 9), "Anniversary of the founding of the Empire", "Anniversario della fondazione dell'Impero",
              from: 1939, through: 1941),
            r(on(6, 2), "Republic Day", "Festa della Repubblica", from: 1947, except: years(1977, 2000)),
            r(.nthWeekday(n: 1, weekday: sun, month: 6), "Republic Day", "Festa della Repubblica",
              from: 1977, through: 2000),
            r(easter(39), "Ascension Day", "Ascensione", through: 1976),
            r(on(6, 29), "Saints Peter and Paul", "Santi Apostoli Pietro e Paolo", through: 1976,
              except: years(1914, 1923)),
            r(easter(60), "Corpus Christi", "Corpus Domini", through: 1976, except: years(1914, 1923)),
            r(on(8, 15), "Assumption Of Mary Day", "Assunzione della Beata Vergine Maria"),
            r(on(9, 8), "Nativity of Mary", "Natività della Beata Vergine Maria", through: 1912),
            r(on(9, 20), "Anniversary of the capture of Rome", "Anniversario della Presa di Roma",
              from: 1895, through: 1930),
            r(on(10, 4), "Saint Francis of Assisi, Patron Saint of Italy",
              "Festa nazionale di San Francesco d'Assisi, patrono d'Italia", from: 2026),
            r(on(10, 28), "Anniversary of the March on Rome", "Anniversario della Marcia su Roma",
              from: 1926, through: 1940, except: [1927, 1929]),
            r.once(1927, 10, 30, "Anniversary of the March on Rome", "Anniversario della Marcia su Roma"),
            r.once(1929, 10, 27, "Anniversary of the March on Rome", "Anniversario della Marcia su Roma"),
            r(on(11, 1), "All Saints' Day", "Ognissanti"),
            r(on(11, 4), "Victory Day", "Anniversario della Vittoria", from: 1922, through: 1949,
              except: years(1941, 1945).union([1927, 1929])),
            r.once(1927, 11, 6, "Victory Day", "Anniversario della Vittoria"),
            r.once(1929, 11, 3, "Victory Day", "Anniversario della Vittoria"),
            r(on(11, 4), "National Unity Day", "Giorno dell'unità nazionale", from: 1950, through: 1976),
            r(.nthWeekday(n: 1, weekday: sun, month: 11), "National Unity Day", "Giorno dell'unità nazionale",
              from: 1977),
            r(on(12, 8), "Immaculate Conception", "Immacolata Concezione", except: years(1913, 1923)),
            r(on(12, 25), "Christmas Day", "Natale"),
            r(on(12, 26), "Saint Stephen's Day", "Santo Stefano", from: 1949),
            r.once(1907, 7, 4, "100th anniversary of the birth of General Giuseppe Garibaldi",
                   "Centenario della nascita del generale Giuseppe Garibaldi"),
            r.once(1910, 8, 10, "100th anniversary of the birth of Camillo Cavour",
                   "Centenario della nascita di Camillo Cavour"),
            r.once(1911, 3, 17, unification.0, unification.1),
            r.once(1920, 3, 14, "100th anniversary of the birth of Victor Emmanuel II",
                   "Centenario della nascita del Vittorio Emanuele II"),
            r.once(1921, 9, 14, "Celebration of 600th anniversary of the death of Dante",
                   "Celebrazione del sesto centenario dantesco"),
            r.once(1926, 10, 4, "700th anniversary of the death of Saint Francis of Assisi",
                   "Anniversario del VII centenario della morte di San Francesco di Assisi"),
            r.once(1938, 5, 3, "National Holiday", "Festa Nazionale"),
            r.once(1946, 6, 11, "Public Holiday", "Giorno Festivo"),
            r.once(1961, 3, 17, unification.0, unification.1),
            r.once(2011, 3, 17, unification.0, unification.1),
        ]
    }()

    static let luxembourg: [HolidayRule] = {
        let r = Book(language: "lb")
        return [
            r(on(1, 1), "New Year's Day", "Neijoerschdag"),
            r(easter(1), "Easter Monday", "Ouschterméindeg"),
            r(on(5, 1), "Labor Day", "Dag vun der Aarbecht"),
            r(on(5, 9), "Europe Day", "Europadag", from: 2019),
            r(easter(39), "Ascension Day", "Christi Himmelfaart"),
            r(easter(50), "Pentecost Monday", "Péngschtméindeg"),
            r(on(6, 23), "National Day", "Nationalfeierdag"),
            r(on(8, 15), "Assumption Day", "Léiffrawëschdag"),
            r(on(11, 1), "All Saints' Day", "Allerhellgen"),
            r(on(12, 25), "Christmas Day", "Chrëschtdag"),
            r(on(12, 26), "Saint Stephen's Day", "Stiefesdag"),
        ]
    }()

    static let netherlands: [HolidayRule] = {
        let r = Book(language: "nl")
        return [
            r(on(1, 1), "New Year's Day", "Nieuwjaarsdag"),
            r(easter(-2), "Good Friday", "Goede vrijdag"),
            r(easter(0), "Easter Sunday", "Eerste paasdag"),
            r(easter(1), "Easter Monday", "Tweede paasdag"),
            r(on(4, 30), "Queen's Day", "Koninginnedag", through: 1979, weekend: .move(shift: [sun: 1])),
            r(on(4, 30), "Queen's Day", "Koninginnedag", from: 1980, through: 2013, weekend: .move(shift: [sun: -1])),
            r(on(4, 27), "King's Day", "Koningsdag", from: 2014, weekend: .move(shift: [sun: -1])),
            r(on(5, 5), "Liberation Day", "Bevrijdingsdag", every: 5),
            r(easter(39), "Ascension Day", "Hemelvaartsdag"),
            r(easter(49), "Pentecost", "Eerste pinksterdag"),
            r(easter(50), "Pentecost Monday", "Tweede pinksterdag"),
            r(on(12, 25), "Christmas Day", "Eerste kerstdag"),
            r(on(12, 26), "Second Day of Christmas", "Tweede kerstdag"),
        ]
    }()

    static let norway: [HolidayRule] = {
        let r = Book(language: "no")
        return [
            r(on(1, 1), "New Year's Day", "Første nyttårsdag"),
            r(easter(-3), "Maundy Thursday", "Skjærtorsdag"),
            r(easter(-2), "Good Friday", "Langfredag"),
            r(easter(0), "Easter Sunday", "Første påskedag"),
            r(easter(1), "Easter Monday", "Andre påskedag"),
            r(on(5, 1), "Labor Day", "Arbeidernes dag", from: 1947),
            r(on(5, 17), "Constitution Day", "Grunnlovsdag", from: 1947),
            r(easter(39), "Ascension Day", "Kristi himmelfartsdag"),
            r(easter(49), "Pentecost", "Første pinsedag"),
            r(easter(50), "Pentecost Monday", "Andre pinsedag"),
            r(on(12, 25), "Christmas Day", "Første juledag"),
            r(on(12, 26), "Second Day of Christmas", "Andre juledag"),
        ]
    }()

    static let poland: [HolidayRule] = {
        let r = Book(language: "pl")
        return [
            r(on(1, 1), "New Year's Day", "Nowy Rok"),
            r(on(1, 6), "Epiphany", "Święto Trzech Króli", except: years(1961, 2010)),
            r(on(2, 2), "Candlemas", "Oczyszczenie Najświętszej Marii Panny", through: 1950),
            r(easter(0), "Easter Sunday", "Niedziela Wielkanocna"),
            r(easter(1), "Easter Monday", "Poniedziałek Wielkanocny"),
            r(on(5, 1), "National Day", "Święto Państwowe", from: 1950),
            r(on(5, 3), "National Day of the Third of May", "Święto Narodowe Trzeciego Maja",
              except: years(1951, 1989)),
            r(on(5, 9), "National Victory and Freedom Day", "Narodowe Święto Zwycięstwa i Wolności",
              from: 1946, through: 1950),
            r(easter(39), "Ascension Day", "Wniebowstąpienie Pańskie", through: 1950),
            r(easter(49), "Pentecost", "Zielone Świątki"),
            r(easter(50), "Pentecost Monday", "Drugi dzień Zielonych Świątek", through: 1950),
            r(easter(60), "Corpus Christi", "Dzień Bożego Ciała"),
            r(on(6, 29), "Saints Peter and Paul Day", "Uroczystość Świętych Apostołów Piotra i Pawła",
              through: 1950),
            r(on(7, 22), "National Day of Rebirth of Poland", "Narodowe Święto Odrodzenia Polski",
              from: 1945, through: 1989),
            r(on(8, 15), "Assumption Day", "Wniebowzięcie Najświętszej Marii Panny", except: years(1961, 1988)),
            r(on(11, 1), "All Saints' Day", "Uroczystość Wszystkich Świętych"),
            r(on(11, 11), "National Independence Day", "Narodowe Święto Niepodległości", from: 1937,
              except: years(1945, 1988)),
            r(on(12, 8), "Immaculate Conception of the Blessed Virgin Mary",
              "Niepokalane Poczęcie Najświętszej Marii Panny", through: 1950),
            r(on(12, 24), "Christmas Eve", "Wigilia Bożego Narodzenia", from: 2025),
            r(on(12, 25), "Christmas Day", "Boże Narodzenie (pierwszy dzień)"),
            r(on(12, 26), "Second Day of Christmas", "Boże Narodzenie (drugi dzień)"),
            r.once(2018, 11, 12, "National Independence Day - 100th anniversary",
                   "Narodowe Święto Niepodległości - 100-lecie"),
        ]
    }()

    static let portugal: [HolidayRule] = {
        let r = Book(language: "pt")
        let suspended = years(2013, 2015)
        return [
            r(on(1, 1), "New Year's Day", "Ano Novo"),
            r(easter(-2), "Good Friday", "Sexta-feira Santa"),
            r(easter(0), "Easter Sunday", "Páscoa"),
            r(easter(60), "Corpus Christi", "Corpo de Deus", except: suspended),
            r(on(10, 5), "Republic Day", "Implantação da República", from: 1910, except: suspended),
            r(on(11, 1), "All Saints' Day", "Dia de Todos os Santos", except: suspended),
            r(on(12, 1), "Restoration of Independence Day", "Restauração da Independência", except: suspended),
            r(on(4, 25), "Freedom Day", "Dia da Liberdade", from: 1974),
            r(on(5, 1), "Labor Day", "Dia do Trabalhador", from: 1974),
            r(on(6, 10), "Portugal Day", "Dia de Portugal", from: 1911, through: 1977, except: years(1933, 1973)),
            r(on(6, 10), "Day of Camões, Portugal, and the Portuguese Race", "Dia de Camões, de Portugal e da Raça",
              from: 1933, through: 1973),
            r(on(6, 10), "Day of Portugal, Camões, and the Portuguese Communities",
              "Dia de Portugal, de Camões e das Comunidades Portuguesas", from: 1978),
            r(on(8, 15), "Assumption Day", "Assunção de Nossa Senhora"),
            r(on(12, 8), "Immaculate Conception", "Imaculada Conceição"),
            r(on(12, 25), "Christmas Day", "Dia de Natal"),
        ]
    }()

    static let sweden: [HolidayRule] = {
        let r = Book(language: "sv")
        return [
            r(on(1, 1), "New Year's Day", "Nyårsdagen"),
            r(on(1, 6), "Epiphany", "Trettondedag jul"),
            r(.swedishAnnunciation, "Feast of the Annunciation", "Marie bebådelsedag", from: 1953, through: 1989),
            r(on(3, 25), "Feast of the Annunciation", "Marie bebådelsedag", through: 1952),
            r(easter(-2), "Good Friday", "Långfredagen"),
            r(easter(0), "Easter Sunday", "Påskdagen"),
            r(easter(1), "Easter Monday", "Annandag påsk"),
            r(on(5, 1), "May Day", "Första maj"),
            r(easter(39), "Ascension Day", "Kristi himmelsfärdsdag"),
            r(on(6, 6), "National Day", "Nationaldagen", from: 2005),
            r(easter(49), "Pentecost", "Pingstdagen"),
            r(easter(50), "Pentecost Monday", "Annandag pingst", through: 2004),
            r(on(6, 24), "Midsummer Day", "Midsommardagen", through: 1952),
            r(.weekdayOnOrAfter(weekday: sat, month: 6, day: 20), "Midsummer Day", "Midsommardagen", from: 1953),
            r(on(11, 1), "All Saints' Day", "Alla helgons dag", through: 1952),
            r(.weekdayOnOrAfter(weekday: sat, month: 10, day: 31), "All Saints' Day", "Alla helgons dag", from: 1953),
            r(on(12, 25), "Christmas Day", "Juldagen"),
            r(on(12, 26), "Second Day of Christmas", "Annandag jul"),
        ]
    }()

    static let slovakia: [HolidayRule] = {
        let r = Book(language: "sk")
        return [
            r(on(1, 1), "Day of the Establishment of the Slovak Republic", "Deň vzniku Slovenskej republiky"),
            r(on(1, 6), "Epiphany (Three Kings' Day and Orthodox Christmas)",
              "Zjavenie Pána (Traja králi a vianočný sviatok pravoslávnych kresťanov)"),
            r(easter(-2), "Good Friday", "Veľký piatok"),
            r(easter(1), "Easter Monday", "Veľkonočný pondelok"),
            r(on(5, 1), "Labor Day", "Sviatok práce"),
            r(on(5, 8), "Day of Victory over Fascism", "Deň víťazstva nad fašizmom", from: 1997, except: [2026]),
            r(on(7, 5), "Saints Cyril and Methodius Day", "Sviatok svätého Cyrila a svätého Metoda"),
            r(on(8, 29), "Slovak National Uprising Anniversary", "Výročie Slovenského národného povstania"),
            r(on(9, 1), "Constitution Day", "Deň Ústavy Slovenskej republiky", through: 2023),
            r(on(9, 15), "Day of Our Lady of the Seven Sorrows", "Sedembolestná Panna Mária", except: [2026]),
            r(on(11, 1), "All Saints' Day", "Sviatok Všetkých svätých"),
            r(on(11, 17), "Struggle for Freedom and Democracy Day", "Deň boja za slobodu a demokraciu",
              from: 2001, through: 2024),
            r(on(12, 24), "Christmas Eve", "Štedrý deň"),
            r(on(12, 25), "Christmas Day", "Prvý sviatok vianočný"),
            r(on(12, 26), "Second Day of Christmas", "Druhý sviatok vianočný"),
            r.once(2018, 10, 30, "100th anniversary of the adoption of the Declaration of the Slovak Nation",
                   "100. výročie prijatia Deklarácie slovenského národa"),
        ]
    }()
}
