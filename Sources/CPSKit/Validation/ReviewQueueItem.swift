import Foundation

/// One application in a reviewer's queue (R-VAL-2): when its decision is due and whether it is late.
public struct ReviewQueueItem: Sendable, Equatable {
    /// The application.
    public let application: BusinessAccountApplication
    /// The day by whose end a decision is due.
    public let dueDay: CalendarDay
    /// The first instant at which it is overdue.
    public let dueBy: Date
    /// Whether it is overdue now.
    public let isOverdue: Bool
}
