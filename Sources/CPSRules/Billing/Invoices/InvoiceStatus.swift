/// The life-cycle state of an invoice (R-BIL-2), after Stripe's invoice model.
///
/// ```
/// draft ──▶ open ──▶ paid
///   │        │  ▲
///   │        │  └──────────────┐
///   │        ├──▶ uncollectible ┤──▶ paid
///   ▼        ▼                  ▼
///  void ◀── void ◀──────────── void
/// ```
///
/// The legal transitions, and nothing else:
///
/// | from            | to                               | Stripe's name                    |
/// |-----------------|----------------------------------|----------------------------------|
/// | `draft`         | `open`                           | finalize                         |
/// | `draft`         | `void`                           | (Stripe deletes a draft; CPSKit keeps it on record as void) |
/// | `open`          | `paid`, `void`, `uncollectible`  | pay, void, mark uncollectible    |
/// | `uncollectible` | `paid`, `void`                   | pay, void                        |
///
/// `paid` and `void` are final. "Overdue" is not a state: it is derived from the due date (see
/// ``InvoiceDueDate/isOverdue(on:status:)``). A transition to the same state is not a transition and
/// is refused too, so a repeated event is visible to the caller (who may treat it as idempotent).
public enum InvoiceStatus: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    /// Being prepared; no number yet, not sent.
    case draft
    /// Issued and awaiting payment.
    case open
    /// Paid in full; final.
    case paid
    /// Cancelled; final. Kept on record so that the number series stays gap-free.
    case void
    /// Written off as unlikely to be paid; it may still be paid or voided later.
    case uncollectible

    /// The states this state may move to (R-BIL-2).
    public var legalSuccessors: Set<InvoiceStatus> {
        switch self {
        case .draft: [.open, .void]
        case .open: [.paid, .void, .uncollectible]
        case .uncollectible: [.paid, .void]
        case .paid, .void: []
        }
    }

    /// Whether no transition leaves this state (`paid`, `void`).
    public var isFinal: Bool { legalSuccessors.isEmpty }

    /// Whether the invoice still awaits payment (`open` or `uncollectible`).
    public var awaitsPayment: Bool { self == .open || self == .uncollectible }

    /// Whether moving to `next` is legal (R-BIL-2).
    public func canTransition(to next: InvoiceStatus) -> Bool { legalSuccessors.contains(next) }

    /// The state after moving to `next`, or ``BillingError/Reason/illegalInvoiceTransition`` (R-BIL-2).
    public func transition(to next: InvoiceStatus) throws(BillingError) -> InvoiceStatus {
        guard canTransition(to: next) else {
            throw BillingError(.illegalInvoiceTransition, facts: ["from": rawValue, "to": next.rawValue])
        }
        return next
    }

    /// The one way out of `paid` (R-LIFE-5): a chargeback reported by the payment gateway reopens a
    /// paid invoice as `open`, outside the transition table above (which a person's action never
    /// leaves); from any other state ``BillingError/Reason/illegalInvoiceTransition``.
    public func reopenedByChargeback() throws(BillingError) -> InvoiceStatus {
        guard self == .paid else { throw BillingError(.illegalInvoiceTransition, facts: ["from": rawValue, "to": "open"]) }
        return .open
    }

    /// The stable code.
    public var description: String { rawValue }

    /// The catalog key of the state's name, e.g. `billing.invoiceStatus.open`.
    public var textKey: TextKey { TextKey("billing.invoiceStatus.\(rawValue)") }
}

/// Named in the reader's language (R-MSG-1, R-BIL-2).
extension InvoiceStatus: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { textKey }
}
