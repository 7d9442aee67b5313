import CPSKit
import Testing

@Suite("Invoice status life cycle (R-BIL-2)")
struct InvoiceStatusTests {
    static let legal: Set<[InvoiceStatus]> = [
        [.draft, .open], [.draft, .void], [.open, .paid], [.open, .void], [.open, .uncollectible],
        [.uncollectible, .paid], [.uncollectible, .void],
    ]

    static var illegal: [(InvoiceStatus, InvoiceStatus)] {
        InvoiceStatus.allCases.flatMap { from in InvoiceStatus.allCases.map { (from, $0) } }
            .filter { !legal.contains([$0.0, $0.1]) }
    }

    @Test("Only the legal transitions are allowed", arguments: Array(legal))
    func legalTransitions(pair: [InvoiceStatus]) throws {
        #expect(try pair[0].transition(to: pair[1]) == pair[1])
    }

    @Test("Every illegal transition is refused with a typed, localized error", arguments: illegal)
    func illegalTransitions(from: InvoiceStatus, to: InvoiceStatus) {
        #expect(!from.canTransition(to: to))
        do { _ = try from.transition(to: to); Issue.record("accepted \(from) → \(to)") } catch {
            #expect(error.reason == .illegalInvoiceTransition)
            #expect(error.textArguments == ["from": from.rawValue, "to": to.rawValue])
            #expect(error.message(in: .swedish).hasPrefix("En faktura"))
        }
    }

    @Test("There are 18 illegal pairs including every self-transition; paid and void are final")
    func counts() {
        #expect(Self.illegal.count == 25 - 7)
        #expect(InvoiceStatus.allCases.filter(\.isFinal) == [.paid, .void])
        #expect(InvoiceStatus.open.awaitsPayment && InvoiceStatus.uncollectible.awaitsPayment)
    }
}
