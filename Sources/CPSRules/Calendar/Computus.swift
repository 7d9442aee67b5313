/// The Gregorian computus: the date of Western Easter Sunday (R-CAL-1), from which Good Friday,
/// Easter Monday, Ascension Day (+39), Whit Sunday (+49), Whit Monday (+50) and Corpus Christi
/// (+60) follow.
public enum Computus {
    /// Easter Sunday of `year` in the Gregorian calendar, by the anonymous Gregorian algorithm (R-CAL-1)
    /// (Meeus/Jones/Butcher), valid for every year from 1583 on; e.g. 2026 → 2026-04-05.
    public static func easterSunday(_ year: Int) -> CalendarDay {
        let a = year % 19
        let b = year / 100, c = year % 100
        let d = b / 4, e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        // month is 3 or 4 and day within it for every year ≥ 1583; the fallback is unreachable.
        return CalendarDay(year: year, month: month, day: day) ?? CalendarDay(daysSinceEpoch: 0)
    }
}
