import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Bank transfers, matching by RF reference, reminders (R-BIL-2, R-BIL-4)")
struct BankPaymentTests {
    @Test("R-BIL-2, R-BIL-4: a payment on the due date is on time; the day after, the invoice is overdue",
          arguments: [(0, true), (1, false)])
    func dueDateBoundary(daysAfterDue: Int, onTime: Bool) async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let invoice = try await fixture.invoice(.gold)
        let day = invoice.due.dueDay.adding(days: daysAfterDue)
        fixture.moveTo(day, hour: 23)
        #expect(invoice.isOverdue(at: fixture.env.clock.now) == !onTime)
        let payment = try await fixture.env.bankPayments.recordIncomingPayment(
            amount: invoice.total, reference: invoice.creditorReference.electronic, receivedOn: day, as: BillingFixture.job)
        #expect(payment.onTime == onTime)
        let paid = try await fixture.reload(invoice)
        #expect(paid.status == .paid)
        #expect(!paid.isOverdue(at: fixture.env.clock.now))
    }

    @Test("R-BIL-4: a partial payment leaves the rest due; an over-payment becomes account credit")
    func partialAndOverpayment() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let invoice = try await fixture.invoice(.gold) // €200, reverse charge (SE, number not checked)
        let today = CalendarDay(fixture.env.clock.now, in: fixture.env.context.policy.timeZone)
        let first = try await fixture.env.bankPayments.recordIncomingPayment(
            amount: Money(80, .eur), reference: "Faktura \(invoice.creditorReference.printed) tack", receivedOn: today,
            as: BillingFixture.job)
        #expect(first.status == .matched)
        #expect(first.appliedAmount == Money(80, .eur))
        let partly = try await fixture.reload(invoice)
        #expect(partly.status == .open)
        #expect(partly.amountDue == Money(120, .eur))
        let second = try await fixture.env.bankPayments.recordIncomingPayment(
            amount: Money(150, .eur), reference: invoice.creditorReference.electronic.lowercased(), receivedOn: today,
            as: BillingFixture.job)
        #expect(second.appliedAmount == Money(120, .eur))
        #expect(second.creditAmount == Money(30, .eur))
        let paid = try await fixture.reload(invoice)
        #expect(paid.status == .paid)
        #expect(paid.amountPaid == Money(200, .eur))
        let credits = try await fixture.env.store.fetchAll(AccountCredit.self, indexKey: AccountCredit.byAccount(fixture.accountID))
        #expect(credits.map(\.record.amount) == [Money(30, .eur)])
    }

    @Test("R-BIL-4: a reference with a wrong check digit is not matched and waits for a person; bad amounts are refused")
    func wrongCheckDigit() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let invoice = try await fixture.invoice(.gold)
        let reference = invoice.creditorReference
        let wrongDigits = reference.checkDigits == "42" ? "43" : "42"
        let wrong = "RF" + wrongDigits + reference.base
        #expect(!RFCreditorReference.isValid(wrong))
        let today = CalendarDay(fixture.env.clock.now, in: fixture.env.context.policy.timeZone)
        let payment = try await fixture.env.bankPayments.recordIncomingPayment(
            amount: invoice.total, reference: wrong, receivedOn: today, as: TestEnvironment.reviewer)
        #expect(payment.status == .unmatched)
        #expect(payment.invoiceID == nil)
        #expect(try await fixture.reload(invoice).status == .open)
        #expect(try await fixture.reload(invoice).amountPaid.isZero)
        let unmatched = try await fixture.env.bankPayments.unmatchedPayments(as: BillingFixture.job)
        #expect(unmatched.map(\.id) == [payment.id])
        await #expect(throws: BillingError.self) {
            try await fixture.env.bankPayments.recordIncomingPayment(amount: Money(0, .eur), reference: reference.electronic,
                                                                    receivedOn: today, as: BillingFixture.job)
        }
        await #expect(throws: AuthorizationError.self) {
            try await fixture.env.bankPayments.recordIncomingPayment(amount: invoice.total, reference: reference.electronic,
                                                                    receivedOn: today, as: fixture.superuser)
        }
    }

    @Test("R-BIL-4: reminders on the policy's days after the due date, each once, in the superuser's language; suspension after grace")
    func remindersAndSuspension() async throws {
        let fixture = try await BillingFixture.make(points: 1_200)
        let receipt = try await fixture.buy(.gold, method: .bankTransfer)
        fixture.env.clock.advance(by: 3_600)
        let invoice = try #require(try await fixture.env.invoicing.issueDueInvoices(as: BillingFixture.job).issued.first)
        let due = invoice.due.dueDay
        let followUp = fixture.env.paymentFollowUp
        fixture.moveTo(due.adding(days: 6))
        #expect(try await followUp.run(as: BillingFixture.job) == FollowUpReport())
        fixture.moveTo(due.adding(days: 7))
        #expect(try await followUp.run(as: BillingFixture.job).reminded == [invoice.id])
        #expect(try await followUp.run(as: BillingFixture.job).reminded.isEmpty)
        let reminders = try await fixture.env.mails("paymentReminder")
        #expect(reminders.count == 1)
        #expect(reminders.first?.subject == "Påminnelse: faktura \(invoice.number) är förfallen")
        #expect(reminders.first?.body.contains(invoice.creditorReference.printed) == true)
        fixture.moveTo(due.adding(days: 14))
        let report = try await followUp.run(as: BillingFixture.job)
        #expect(report.reminded == [invoice.id])
        #expect(report.suspended == [invoice.id])
        #expect(try await fixture.membership(receipt.membership.id).status == .suspended)
        let payment = try await fixture.env.bankPayments.recordIncomingPayment(
            amount: invoice.total, reference: invoice.creditorReference.printed, receivedOn: due.adding(days: 15),
            as: BillingFixture.job)
        #expect(payment.onTime == false)
        #expect(try await fixture.membership(receipt.membership.id).status == .active)
        #expect(try await followUp.run(as: BillingFixture.job) == FollowUpReport())
    }

    @Test("R-BIL-4: RF references are found in free reference text, printed or electronic")
    func referenceSearch() throws {
        let reference = try RFCreditorReference(base: "CPS-2026-000001")
        #expect(BankPaymentService.creditorReferences(in: "Betalning \(reference.printed) Ljusbild") == [reference])
        #expect(BankPaymentService.creditorReferences(in: reference.electronic) == [reference])
        #expect(BankPaymentService.creditorReferences(in: "no reference here").isEmpty)
    }
}
