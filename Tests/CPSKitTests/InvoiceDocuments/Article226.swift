import CPSKit
@testable import CPSRules
import Foundation

/// Every item of Article 226 of Directive 2006/112/EC, with what a rendered invoice must show for it
/// (R-IDOC-1). Items that cannot apply to a CPS membership invoice say why.
struct Article226Item: Sendable, CustomStringConvertible {
    let id: String
    let title: String
    /// Why the item never applies to a CPS invoice (`nil`: it may apply).
    let notApplicable: String?
    let applies: @Sendable (InvoiceDocument) -> Bool
    /// The texts a rendering must contain, in the document's language.
    let fragments: @Sendable (InvoiceDocument) -> [String]
    var description: String { "226(\(id)) \(title)" }

    static func always(_ id: String, _ title: String, _ fragments: @escaping @Sendable (InvoiceDocument) -> [String]) -> Article226Item {
        Article226Item(id: id, title: title, notApplicable: nil, applies: { _ in true }, fragments: fragments)
    }

    static func never(_ id: String, _ title: String, _ why: String) -> Article226Item {
        Article226Item(id: id, title: title, notApplicable: why, applies: { _ in false }, fragments: { _ in [] })
    }

    static func money(_ value: Money, _ document: InvoiceDocument) -> String { value.formatted(in: document.language) }

    static let all: [Article226Item] = [
        .always("1", "the date of issue") { [$0.issueDay.description] },
        .always("2", "a sequential number") { [$0.number] },
        .always("3", "the supplier's VAT identification number") { [$0.seller.vatNumber?.compact ?? ""] },
        Article226Item(id: "4", title: "the customer's VAT identification number (reverse charge)", notApplicable: nil,
                       applies: { $0.vatCategory == .reverseCharge }, fragments: { [$0.buyer.vatNumber?.compact ?? ""] }),
        .always("5", "the full name and address of the supplier and of the customer") { document in
            [document.seller, document.buyer].flatMap { [$0.name, $0.address.street, $0.address.postalCode, $0.address.city] }
        },
        .always("6", "the quantity and nature of the services") { document in
            document.lines.flatMap { [$0.description, String($0.quantity)] }
        },
        .always("7", "the date on which the supply of services is completed (the membership term)") { document in
            [document.supplyPeriod.start.description, document.supplyPeriod.end.description]
        },
        .never("7a", "the mention \"Cash accounting\"", "Canon does not use the cash accounting scheme"),
        .always("8", "the taxable amount per rate or exemption, the unit price exclusive of VAT") { document in
            document.vatBreakdown.map { money($0.taxableAmount, document) } + document.lines.map { money($0.unitPrice, document) }
        },
        Article226Item(id: "9", title: "the VAT rate applied", notApplicable: nil,
                       applies: { $0.vatCategory == .standard },
                       fragments: { document in document.vatBreakdown.map { "\(DecimalText.text($0.percent ?? 0)) %" } }),
        Article226Item(id: "10", title: "the VAT amount payable", notApplicable: nil,
                       applies: { $0.vatCategory == .standard },
                       fragments: { document in [money(document.totals.vat, document)] }),
        .never("10a", "the mention \"Self-billing\"", "CPS invoices are issued by the supplier"),
        Article226Item(id: "11", title: "the reference to the provision of the exemption", notApplicable: nil,
                       applies: { $0.vatCategory == .reverseCharge },
                       fragments: { $0.language == .swedish ? ["artikel 196", "2006/112/EG"] : ["Article 196", "Directive 2006/112/EC"] }),
        Article226Item(id: "11a", title: "the mention \"Reverse charge\"", notApplicable: nil,
                       applies: { $0.vatCategory == .reverseCharge },
                       fragments: { $0.language == .swedish ? ["Omvänd betalningsskyldighet"] : ["Reverse charge"] }),
        .never("12", "new means of transport", "CPS sells services"),
        .never("13", "the margin scheme", "CPS sells no second-hand goods, art or travel services"),
        .never("14", "the tax representative", "Canon Europa N.V. is established in the Netherlands"),
    ]

    /// R-BIL-5's outside-scope note (not an Article 226 item: the supply is outside EU VAT).
    static let outsideScopeNote = Article226Item(
        id: "R-BIL-5", title: "the note \"Outside the scope of EU VAT\"", notApplicable: nil,
        applies: { $0.vatCategory == .outsideScope },
        fragments: { $0.language == .swedish ? ["Utanför tillämpningsområdet för EU-moms"] : ["Outside the scope of EU VAT"] })

    /// R-IDOC-1's items beyond Article 226 on an invoice: the due date, the payment means, the RF
    /// reference, the bank details.
    static let payment = Article226Item(
        id: "R-IDOC-1", title: "due date, payment means, RF reference, bank details", notApplicable: nil,
        applies: { $0.kind == .invoice },
        fragments: { document in
            [document.dueDay?.description ?? "no due day", document.payment.creditorReference.printed]
                + (document.payment.bankAccount.map { [$0.printedIBAN, $0.bic] } ?? [])
        })

    /// A credit note is an invoice under Article 219 that must refer to the invoice it amends
    /// specifically and unambiguously (R-LIFE-5): its number and date; and it says why and how it was settled.
    static let creditedInvoice = Article226Item(
        id: "219/R-LIFE-5", title: "a credit note's reference to the invoice it amends, its reason and settlement", notApplicable: nil,
        applies: { $0.kind == .creditNote },
        fragments: { document in
            guard let credit = document.credit else { return ["no credit"] }
            return [credit.invoiceNumber, credit.invoiceIssueDay.description, credit.reason]
                + [credit.appliedToDue, credit.credited].filter { !$0.isZero }.map { money($0, document) }
        })

    static var checked: [Article226Item] { all + [outsideScopeNote, payment, creditedInvoice] }
}
