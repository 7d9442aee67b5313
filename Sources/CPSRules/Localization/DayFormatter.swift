/// Writes dates as people read them, in the catalog's language (R-GUIDE-1): "Tuesday 1 December
/// 2026", "tisdag 1 december 2026". Deterministic: names come from the ``TextCatalog``, not from the
/// machine's locale data.
public struct DayFormatter: Sendable {
    /// The catalog with the names.
    public let catalog: TextCatalog

    /// Creates a formatter.
    public init(catalog: TextCatalog = .standard) { self.catalog = catalog }

    /// The weekday, day, month and year of `day` in `language`.
    public func long(_ day: CalendarDay, in language: Language) -> String {
        catalog.render("common.format.longDate", [
            "weekday": catalog.render(TextKey("common.weekday.\(day.isoWeekday)"), in: language),
            "day": String(day.day),
            "month": catalog.render(TextKey("common.month.\(day.month)"), in: language),
            "year": String(day.year),
        ], in: language)
    }
}
