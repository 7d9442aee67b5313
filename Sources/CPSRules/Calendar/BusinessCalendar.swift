/// Decides which days are working days (R-CAL-1) and does the working-day arithmetic of the
/// validation SLA (R-VAL-2).
///
/// Conforming types answer one question, ``isWorkingDay(_:)``; the arithmetic comes from the
/// protocol extension and follows R-VAL-2's rule: the start day is never counted, and a start on a
/// non-working day counts from the next working day.
///
/// ```swift
/// let calendar = WeekendCalendar()
/// let friday = CalendarDay(year: 2026, month: 11, day: 27)!
/// calendar.adding(workingDays: 2, to: friday) // 2026-12-01, a Tuesday
/// ```
public protocol BusinessCalendar: Sendable {
    /// Whether `day` is a working day: not a weekend day and not a holiday of the calendar.
    func isWorkingDay(_ day: CalendarDay) -> Bool
}

extension BusinessCalendar {
    /// The day that is `count` working days after `start` (R-VAL-2).
    ///
    /// The start day itself is never counted, whether or not it is a working day, so a start on a
    /// Saturday with `count == 1` gives the following Monday (in a weekends-only calendar).
    /// `count == 0` returns `start` unchanged. Negative counts walk backwards symmetrically. The walk
    /// stops at ``CalendarDay/earliest`` or ``CalendarDay/latest``; use
    /// ``checkedAdding(workingDays:to:limit:)`` for a count from outside, which refuses that instead.
    public func adding(workingDays count: Int, to start: CalendarDay) -> CalendarDay {
        walk(workingDays: count, from: start).day
    }

    /// Like ``adding(workingDays:to:)``, for a count from outside (R-VAL-2, R-CAL-1): throws
    /// ``CalendarError/Reason/countOutOfRange`` when `count` is beyond ±`limit` (100 000 working days,
    /// about 380 years, by default) and ``CalendarError/Reason/dateOutOfRange`` when the day would
    /// fall before 0001-01-01 or after 9999-12-31. No count traps.
    public func checkedAdding(workingDays count: Int, to start: CalendarDay,
                              limit: Int = 100_000) throws(CalendarError) -> CalendarDay {
        guard count.magnitude <= limit.magnitude else {
            throw CalendarError(.countOutOfRange, input: String(count), known: [String(limit.magnitude)])
        }
        let result = walk(workingDays: count, from: start)
        guard result.complete else {
            throw CalendarError(.dateOutOfRange, input: String(count), known: [start.description])
        }
        return result.day
    }

    /// Walks `count` working days from `start`; `complete` is false when a bound day stopped it.
    private func walk(workingDays count: Int, from start: CalendarDay) -> (day: CalendarDay, complete: Bool) {
        var day = start
        // The magnitude, not `abs`: abs(Int.min) traps.
        var remaining = count.magnitude
        let forward = count >= 0
        let bound = forward ? CalendarDay.latest : CalendarDay.earliest
        while remaining > 0 {
            guard day != bound else { return (day, false) }
            day = day.adding(days: forward ? 1 : -1)
            if isWorkingDay(day) { remaining -= 1 }
        }
        return (day, true)
    }

    /// The number of working days after `start` up to and including `end` (0 when `end <= start`) (R-VAL-2).
    public func workingDays(after start: CalendarDay, through end: CalendarDay) -> Int {
        guard end > start else { return 0 }
        var count = 0
        var day = start.adding(days: 1)
        while day <= end {
            if isWorkingDay(day) { count += 1 }
            day = day.adding(days: 1)
        }
        return count
    }

    /// The first working day on or after `day` (R-VAL-2).
    public func nextWorkingDay(onOrAfter day: CalendarDay) -> CalendarDay {
        var current = day
        while !isWorkingDay(current) { current = current.adding(days: 1) }
        return current
    }
}

/// The weekends-only calendar: every Monday to Friday is a working day (R-VAL-2's fallback "weekends
/// only where no holiday rules exist").
public struct WeekendCalendar: BusinessCalendar, Equatable {
    /// Creates the calendar (R-VAL-2).
    public init() {}

    /// Monday to Friday (R-VAL-2).
    public func isWorkingDay(_ day: CalendarDay) -> Bool { !day.isWeekend }
}
