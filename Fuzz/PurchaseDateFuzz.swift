// libFuzzer target: purchase dates (R-PRD-2), `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. Never a crash; an
// accepted date writes as one of those forms and parses again to itself.
import Foundation

func purchaseDateFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let today = CalendarDay(year: 2026, month: 11, day: 27) ?? CalendarDay.earliest
    for text in fuzzTexts(fuzzBytes(data, size)) {
        _ = CalendarDay(iso: text)
        guard let date = try? PurchaseDate(parsing: text) else { continue }
        let written = date.description
        fuzzCheck([4, 7, 10].contains(written.count), "the purchase date writes as \(written)")
        fuzzCheck((try? PurchaseDate(parsing: written)) == date, "\(written) does not parse to itself")
        _ = date.isInFuture(relativeTo: today)
        _ = date.precision
    }
    return 0
}
