import CPSKit
import Foundation

extension CommandSpec {
    /// `cps migrate ACCOUNT --as USER-ID [--check]` (R-MIG-1…3).
    static let migrate = CommandSpec(
        name: "migrate",
        summary: "MIGRATE PRODUCTS from the old CPS account (or --check whether it is available)",
        help: """
        Usage: cps migrate ACCOUNT --as USER-ID [--check]

        Migrates the products of the old CPS account whose e-mail the application gave (R-MIG-1, R-MIG-2):
        complete ones get their green tick and points, incomplete ones say what is missing. A second run
        adds nothing. With --check, only says whether "MIGRATE PRODUCTS" is available, or why not and
        the two ways on (exit 0 either way). Without it, an unavailable migration is refused (exit 65).
        The old CPS directory is the file legacy-cps.json in the data directory: a JSON array of
        {"membershipNumber", "email", "products": [{"model", "serialNumber", "purchaseDate"?,
        "countryOfPurchase"?, "dealer"?}]}.
        """,
        valuedOptions: ["--as"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as", "--check"], maxPositionals: 1)
        let accountID: BusinessAccount.ID = try invocation.arguments.positional(0, "ACCOUNT")
        let principal = try invocation.userPrincipal()
        return try await CLIContext.with(invocation) { cli in
            let service = cli.services.migration
            let language = invocation.language
            if invocation.arguments.flag("--check") {
                let availability = try await service.availability(of: accountID, as: principal)
                let report = MigrationAvailabilityReport(available: availability.isAvailable, reason: availability.reason?.rawValue,
                                                         waysOn: availability.waysOn.map(\.rawValue),
                                                         productCount: availability.legacyProductCount,
                                                         explanation: availability.explanation(in: language))
                try invocation.emit(report) { report.explanation }
                return .success
            }
            let result = try await service.migrate(accountID, as: principal)
            let report = MigrationRunReport(
                legacyMembershipNumber: result.legacyMembershipNumber, migrated: result.migratedCount, complete: result.completeCount,
                incomplete: result.incompleteCount, conflicts: result.conflictCount, points: result.pointsAllocated,
                items: result.items.map { MigrationRunReport.Item(model: $0.model, serial: $0.serial, outcome: $0.outcome.rawValue,
                                                                   productID: $0.productID, complete: $0.isComplete,
                                                                   missingFields: $0.missingFields.map(\.rawValue), points: $0.points) },
                explanation: result.explanation(in: language))
            try invocation.emit(report) { report.explanation }
            return .success
        }
    }

    /// `cps points ACCOUNT --as USER-ID` (R-PTS-1, R-INV-1).
    static let points = CommandSpec(
        name: "points",
        summary: "the account's points, complete registrations and invitation",
        help: """
        Usage: cps points ACCOUNT --as USER-ID [--ledger]

        Prints the points (the sum over complete registrations, R-PTS-1), the number of complete
        registrations and whether the account has been invited to join CPS (at 500 points, R-INV-1).
        --ledger also prints the ledger entries (allocated, removed, revalued).
        """,
        valuedOptions: ["--as"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as", "--ledger"], maxPositionals: 1)
        let accountID: BusinessAccount.ID = try invocation.arguments.positional(0, "ACCOUNT")
        let principal = try invocation.userPrincipal()
        return try await CLIContext.with(invocation) { cli in
            let service = cli.services.products
            let balance = try await service.points(of: accountID, as: principal)
            let ledger = invocation.arguments.flag("--ledger") ? try await service.ledger(of: accountID, as: principal) : nil
            let report = PointsReport(points: balance.points, completeRegistrations: balance.completeRegistrations,
                                      invited: balance.invitedAt != nil, invitedAt: balance.invitedAt, ledger: ledger)
            try invocation.emit(report) {
                ["\(LocalizedNumber.format(report.points, in: invocation.language)) points, \(report.completeRegistrations) complete, "
                    + (report.invited ? "invited" : "not invited")]
                    + (ledger ?? []).map { "  \($0.entryKind.rawValue) \($0.points) \($0.registrationID)" }
            }
            return .success
        }
    }

    /// `cps next-steps ACCOUNT|APPLICATION --as USER-ID|EMAIL` (R-GUIDE-1).
    static let nextSteps = CommandSpec(
        name: "next-steps",
        summary: "what to do next, in the user's language, with the account's own facts",
        help: """
        Usage: cps next-steps ACCOUNT --as USER-ID [--lang sv|en]
               cps next-steps APPLICATION --as EMAIL [--lang sv|en]

        Lists the next steps (R-GUIDE-1): one line per step, "<code>: <text>", with details indented.
        For an application, --as is the applicant's e-mail; for an account, a user's ID. Without --lang
        the texts are in the language of the application or of the user. --json prints
        [{code, facts, text, details}]; the codes are listed in Documentation/Guidance.md.
        """,
        valuedOptions: ["--as"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as"], maxPositionals: 1)
        let id = try invocation.arguments.positional(0, "ACCOUNT|APPLICATION")
        let chosen: Language? = invocation.arguments.option("--lang").map { Language($0) }
        return try await CLIContext.with(invocation) { cli in
            let guidance = cli.services.guidance
            let steps: [GuidanceStep]
            if try await cli.store.fetch(BusinessAccountApplication.self, id: BusinessAccountApplication.ID(id)) != nil {
                steps = try await guidance.nextSteps(forApplication: BusinessAccountApplication.ID(id), as: try invocation.applicantPrincipal(), in: chosen)
            } else {
                steps = try await guidance.nextSteps(forAccount: BusinessAccount.ID(id), as: try invocation.userPrincipal(), in: chosen)
            }
            try invocation.emit(steps) { steps.flatMap { ["\($0.code): \($0.text)"] + $0.details.map { "    " + $0 } } }
            return .success
        }
    }

    /// `cps levels ACCOUNT --as USER-ID` (R-TIER-1…3).
    static let levels = CommandSpec(
        name: "levels",
        summary: "Available CPS levels: both sides of the ON/OFF switch, open or what is missing",
        help: """
        Usage: cps levels ACCOUNT --as USER-ID [--view individual|business]

        Prints both views of "Available CPS levels" (R-TIER-3): each level, its yearly fee, and whether it
        is open or what is missing (points, products). The business view is shown only with more than
        2,500 points (R-TIER-2). A closed level is a verdict, not an error (exit 0).
        """,
        valuedOptions: ["--as", "--view"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as", "--view"], maxPositionals: 1)
        let accountID: BusinessAccount.ID = try invocation.arguments.positional(0, "ACCOUNT")
        let principal = try invocation.userPrincipal()
        var views = CPSLevelView.allCases
        if let view = invocation.arguments.option("--view") {
            guard let chosen = CPSLevelView(rawValue: view) else { throw CommandError.invalidChoice("--view", ["individual", "business"]) }
            views = [chosen]
        }
        return try await CLIContext.with(invocation) { cli in
            let eligibility = try await cli.services.membership.levels(of: accountID, as: principal)
            let language = invocation.language
            let catalog = cli.context.catalog
            try invocation.emit(eligibility) {
                let points = LocalizedNumber.format(eligibility.points, in: language)
                let shown = eligibility.isBusinessSwitchShown ? "shown" : "hidden"
                var lines = ["\(points) points, \(eligibility.completeRegistrations) complete registrations; switch \(shown)"]
                for view in views {
                    lines.append(catalog.render(view.textKey, in: language) + ":")
                    for level in eligibility.levels(in: view) {
                        let shortfalls: [String] = level.shortfalls.map { $0.text(in: language) }
                        let verdict = level.isOpen ? "open" : "closed: " + shortfalls.joined(separator: " ")
                        lines.append("  \(level.level.rawValue) \(level.yearlyFee.formatted(in: language)) \(verdict)")
                    }
                }
                return lines
            }
            return .success
        }
    }

    /// `cps purchase ACCOUNT LEVEL card|bank --as USER-ID` (R-MEM-1, R-MEM-2, R-BIL-1).
    static let purchase = CommandSpec(
        name: "purchase",
        summary: "buy a CPS level by card or bank transfer (superuser)",
        help: """
        Usage: cps purchase ACCOUNT LEVEL card|bank --as USER-ID [--years N] [--accept-terms VERSION]

        Buys LEVEL (silver, gold, platinum, businessA, businessB, businessC) for the account (superuser
        only, R-ACC-5). The membership starts at once with a new membership number (R-MEM-1, R-MEM-2);
        the invoice follows within a few hours (`cps jobs invoices`). A card is charged on the invoice's
        due date, not now (R-BIL-3); a bank transfer may bring local extra fees (R-BIL-1). A level that is
        not open is refused with what is missing (exit 65). --accept-terms names the version of the
        membership terms the superuser accepted (R-LIFE-6; default: the policy's current version); a
        version that is not current is refused (exit 65).
        """,
        valuedOptions: ["--as", "--years", "--accept-terms"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as", "--years", "--accept-terms"], maxPositionals: 3)
        let accountID: BusinessAccount.ID = try invocation.arguments.positional(0, "ACCOUNT")
        let level = CPSLevel(rawValue: try invocation.arguments.positional(1, "LEVEL"))
        let methodText = try invocation.arguments.positional(2, "card|bank")
        let method: PaymentMethod
        switch methodText {
        case "card": method = .card
        case "bank", "bankTransfer": method = .bankTransfer
        default: throw CommandError.invalidChoice("card|bank", ["card", "bank"])
        }
        guard let years = Int(invocation.arguments.option("--years") ?? "1"), years > 0 else {
            throw CommandError(.notWholeNumber, ["what": "--years"])
        }
        let principal = try invocation.userPrincipal()
        return try await CLIContext.with(invocation) { cli in
            let receipt = try await cli.services.membership
                .purchase(PurchaseRequest(accountID: accountID, level: level, years: years, paymentMethod: method, termsVersion: invocation.arguments.option("--accept-terms") ?? cli.context.policy.lifecycle.termsVersion), as: principal)
            let report = PurchaseReport(membershipID: receipt.membership.id, membershipNumber: receipt.membership.number.compact,
                                        level: receipt.membership.level.rawValue, paymentMethod: method.rawValue,
                                        purchaseID: receipt.purchase.id, invoiceExpectedBy: receipt.invoiceExpectedBy,
                                        previousNumbers: receipt.membership.previousNumbers,
                                        notice: receipt.bankTransferNotice?.text(in: invocation.language))
            try invocation.emit(report) {
                ["\(report.membershipNumber) \(report.level) \(report.paymentMethod) \(report.membershipID)"] + (report.notice.map { [$0] } ?? [])
            }
            return .success
        }
    }
}

extension CommandSpec {
    /// `cps cancel ACCOUNT --reason REASON [--note TEXT] --as USER-ID` (R-LIFE-3).
    static let cancel = CommandSpec(
        name: "cancel",
        summary: "cancel the CPS membership at the end of its term (superuser)",
        help: """
        Usage: cps cancel ACCOUNT --reason tooExpensive|notUsed|switchingProvider|businessClosed|other
                          [--note TEXT] --as USER-ID

        Cancels the account's current term at its end (superuser only, R-LIFE-3): the membership stays
        usable until then and is not renewed; nothing is refunded for the current term. A renewal
        invoice that exists already is voided (it keeps its number). Once the renewal's card charge has
        started, or the renewal is paid, the cancellation is refused: renewal already charged (exit 65).
        `cps undo-cancel` restores the renewal until the term ends.
        """,
        valuedOptions: ["--as", "--reason", "--note"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as", "--reason", "--note"], maxPositionals: 1)
        let accountID: BusinessAccount.ID = try invocation.arguments.positional(0, "ACCOUNT")
        guard let reason = CancellationReason(rawValue: invocation.arguments.option("--reason") ?? "") else {
            throw CommandError.invalidChoice("--reason", CancellationReason.allCases.map(\.rawValue))
        }
        let note = invocation.arguments.option("--note")
        let principal = try invocation.userPrincipal()
        return try await CLIContext.with(invocation) { cli in
            let membership = try await cli.services.membership.cancelAtPeriodEnd(of: accountID, reason: reason, note: note,
                                                                                as: principal)
            let report = CancellationReport(membership)
            try invocation.emit(report) {
                ["cancelled \(report.membershipNumber) \(report.level) ends \(report.termEnd.ISO8601Format()) (\(reason.rawValue))"]
            }
            return .success
        }
    }

    /// `cps undo-cancel ACCOUNT --as USER-ID` (R-LIFE-3).
    static let undoCancel = CommandSpec(
        name: "undo-cancel",
        summary: "undo a cancellation before the term ends (superuser)",
        help: """
        Usage: cps undo-cancel ACCOUNT --as USER-ID

        Undoes the cancellation of the account's current term (superuser only, R-LIFE-3), until the term
        ends. Inside the renewal window the renewal is issued again at once with a new invoice number,
        due on the expiry date (a card is charged that day by `cps jobs charges`).
        """,
        valuedOptions: ["--as"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as"], maxPositionals: 1)
        let accountID: BusinessAccount.ID = try invocation.arguments.positional(0, "ACCOUNT")
        let principal = try invocation.userPrincipal()
        return try await CLIContext.with(invocation) { cli in
            let membership = try await cli.services.membership.undoCancellation(of: accountID, as: principal)
            let report = CancellationReport(membership)
            try invocation.emit(report) {
                ["restored \(report.membershipNumber) \(report.level)" + (report.renewalID.map { " renewal \($0)" } ?? "")]
            }
            return .success
        }
    }

    /// `cps payment-method ACCOUNT card|bank --as USER-ID` (R-LIFE-5).
    static let paymentMethod = CommandSpec(
        name: "payment-method",
        summary: "change how the CPS membership renews: card or bank transfer (superuser)",
        help: """
        Usage: cps payment-method ACCOUNT card|bank --as USER-ID

        Changes how the account's current term is renewed (superuser only, R-LIFE-5). The current
        term's own invoice is not changed. When the renewal invoice exists already it is voided (it
        keeps its number) and issued again for the new method, due on the expiry date. Once the
        renewal's card charge has started, or the renewal is paid, the change is refused: renewal
        already charged (exit 65). Asking for the method already set changes nothing.
        """,
        valuedOptions: ["--as"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as"], maxPositionals: 2)
        let accountID: BusinessAccount.ID = try invocation.arguments.positional(0, "ACCOUNT")
        let method: PaymentMethod
        switch try invocation.arguments.positional(1, "card|bank") as String {
        case "card": method = .card
        case "bank", "bankTransfer": method = .bankTransfer
        default: throw CommandError.invalidChoice("card|bank", ["card", "bank"])
        }
        let principal = try invocation.userPrincipal()
        return try await CLIContext.with(invocation) { cli in
            let membership = try await cli.services.membership.changePaymentMethod(of: accountID, to: method, as: principal)
            let report = PaymentMethodReport(membershipID: membership.id, membershipNumber: membership.number.compact,
                                             paymentMethod: membership.paymentMethod.rawValue, renewalID: membership.renewalID)
            try invocation.emit(report) {
                ["\(report.membershipNumber) renews by \(report.paymentMethod)" + (report.renewalID.map { " renewal \($0)" } ?? "")]
            }
            return .success
        }
    }
}

/// `cps payment-method --json` (R-LIFE-5).
struct PaymentMethodReport: Encodable {
    let membershipID: Membership.ID
    let membershipNumber: String
    let paymentMethod: String
    let renewalID: Membership.ID?
}

/// `cps cancel --json`, `cps undo-cancel --json` (R-LIFE-3).
struct CancellationReport: Encodable {
    let membershipID: Membership.ID
    let membershipNumber: String
    let level: String
    let termEnd: Date
    let cancelled: Bool
    let reason: String?
    let note: String?
    let renewalID: Membership.ID?
    init(_ membership: Membership) {
        membershipID = membership.id
        membershipNumber = membership.number.compact
        level = membership.level.rawValue
        termEnd = membership.term.end
        cancelled = membership.cancellation != nil
        reason = membership.cancellation?.reason.rawValue
        note = membership.cancellation?.note
        renewalID = membership.renewalID
    }
}

/// `cps migrate --check --json` (R-MIG-1).
struct MigrationAvailabilityReport: Encodable {
    let available: Bool
    let reason: String?
    let waysOn: [String]
    let productCount: Int
    let explanation: [String]
}

/// `cps migrate --json` (R-MIG-2).
struct MigrationRunReport: Encodable {
    struct Item: Encodable {
        let model: String
        let serial: String
        let outcome: String
        let productID: ProductRegistration.ID?
        let complete: Bool
        let missingFields: [String]
        let points: Int
    }
    let legacyMembershipNumber: String
    let migrated: Int
    let complete: Int
    let incomplete: Int
    let conflicts: Int
    let points: Int
    let items: [Item]
    let explanation: [String]
}

/// `cps points --json` (R-PTS-1, R-INV-1).
struct PointsReport: Encodable {
    let points: Int
    let completeRegistrations: Int
    let invited: Bool
    let invitedAt: Date?
    let ledger: [LedgerEntry]?
}

/// `cps purchase --json` (R-MEM-1, R-BIL-1).
struct PurchaseReport: Encodable {
    let membershipID: Membership.ID
    let membershipNumber: String
    let level: String
    let paymentMethod: String
    let purchaseID: MembershipPurchase.ID
    let invoiceExpectedBy: Date
    let previousNumbers: [String]
    let notice: String?
}
