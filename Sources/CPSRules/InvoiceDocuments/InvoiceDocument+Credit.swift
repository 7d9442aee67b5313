extension InvoiceDocument {
    /// What a credit note's document adds to an invoice's (R-LIFE-5, R-IDOC-1, R-IDOC-2): the invoice
    /// it corrects (number and issue date, BT-25 and BT-26), why, and how the credit was settled.
    public struct Credit: Hashable, Sendable {
        /// The number of the invoice credited (BT-25).
        public var invoiceNumber: String
        /// That invoice's issue day (BT-26).
        public var invoiceIssueDay: CalendarDay
        /// Why, in words (as given when it was issued).
        public var reason: String
        /// The part that reduced what was still due on the invoice.
        public var appliedToDue: Money
        /// The part above it: account credit, or refunded.
        public var credited: Money

        /// Creates the facts of a credit note.
        public init(invoiceNumber: String, invoiceIssueDay: CalendarDay, reason: String, appliedToDue: Money, credited: Money) {
            self.invoiceNumber = invoiceNumber
            self.invoiceIssueDay = invoiceIssueDay
            self.reason = reason
            self.appliedToDue = appliedToDue
            self.credited = credited
        }
    }
}
