import Foundation

/// The pure builder of next steps (R-GUIDE-1): given the facts of an application or an account, the
/// ordered list of ``GuidanceStep``s in one language, as the seed tells them but with the account's
/// own facts ("2 products lack a dealer", "120 more points to reach Gold", "pay by …"). No I/O, no
/// clock: ``GuidanceService`` loads the facts.
///
/// ```swift
/// let steps = NextSteps(policy: .canonEurope, language: .swedish).forAccount(facts)
/// steps.map(\.code)   // [products.completeMissing, levels.choose, points.toLevel, …]
/// ```
public struct NextSteps: Sendable {
    /// The policy whose numbers the steps quote (R-VAL-2, R-INV-1, R-TIER-1…3, R-BIL-1…4).
    public let policy: CPSPolicy
    /// The language of the texts (R-GUIDE-1).
    public let language: Language
    /// The catalog the texts come from (R-GUIDE-1).
    public let catalog: TextCatalog

    /// Creates a builder (R-GUIDE-1).
    public init(policy: CPSPolicy = .canonEurope, language: Language, catalog: TextCatalog = .standard) {
        self.policy = policy
        self.language = language
        self.catalog = catalog
    }

    // MARK: - Application

    /// The next steps of an application, for its applicant (R-GUIDE-1; R-ACC-1, R-DOC-1…6,
    /// R-VAL-1…3, R-PWD-1).
    public func forApplication(_ facts: ApplicationGuidanceFacts) -> [GuidanceStep] {
        let application = facts.application
        let workingDays = policy.validation.slaWorkingDays
        let days = ["workingDays": String(workingDays)]
        switch application.status {
        case .draft, .moreInformationRequested:
            var steps: [GuidanceStep] = []
            if application.status == .moreInformationRequested {
                let message = application.decisionNote ?? ""
                steps.append(step(.provideMoreInformation, facts: ["message": message]))
            }
            if application.attestedAt == nil { steps.append(step(.attest, facts: [:])) }
            steps += evidenceSteps(facts.evidence)
            if !application.documents.isEmpty, application.attestedAt != nil {
                steps.append(step(application.status == .draft ? .submit : .resubmit, facts: days))
            }
            if application.status == .moreInformationRequested {
                steps.append(step(.doNotResetPasswordYet, facts: ["sender": policy.mail.sender.address]))
            }
            return steps
        case .submitted, .inReview:
            var wait: GuidanceStep
            var known = days.merging(["status": application.status.rawValue]) { a, _ in a }
            if let due = application.decisionDueDay {
                known["dueDate"] = due.description
                let late = facts.now >= due.end(in: policy.timeZone)
                wait = step(late ? .validationDelayed : .awaitValidation, facts: known,
                            display: ["dueDate": DayFormatter(catalog: catalog).long(due, in: language)])
            } else {
                wait = step(.awaitValidation, facts: known, display: ["dueDate": "—"])
            }
            return [wait, step(.doNotResetPasswordYet, facts: ["sender": policy.mail.sender.address])]
        case .rejected:
            return [step(.rejected, facts: ["reasons": application.decisionNote ?? ""])]
        case .approved:
            let email = application.contactEmail.address
            if let account = facts.account, account.status == .active {
                return [step(.signIn, facts: ["accountID": account.id.rawValue, "email": email])]
            }
            return [step(.setPasswordFromEmail, facts: ["accountID": application.accountID?.rawValue ?? "", "email": email,
                                                        "sender": policy.mail.sender.address])]
        }
    }

    private func evidenceSteps(_ evaluation: EvidenceEvaluation) -> [GuidanceStep] {
        evaluation.requirements.filter { $0.status != .satisfied }.map { requirement in
            let kinds = requirement.acceptedKinds.map { catalog.render($0.textKey, in: language) }
            let requirementText = catalog.render(TextKey("evidence.requirement.\(requirement.code)"),
                                                 ["kinds": kinds.joined(separator: ", ")], in: language)
            let statusText = catalog.render(TextKey("evidence.status.\(requirement.status.rawValue)"), in: language)
            return step(.provideEvidence,
                        facts: ["requirement": requirement.code, "status": requirement.status.rawValue,
                                "acceptedKinds": requirement.acceptedKinds.map(\.rawValue).joined(separator: ","),
                                "requiredFields": requirement.requiredFields.map(\.rawValue).joined(separator: ","),
                                "problems": requirement.problems.map(\.code).joined(separator: ",")],
                        display: ["requirementText": requirementText, "statusText": statusText],
                        details: requirement.problems.map { $0.message(in: language, catalog: catalog) })
        }
    }

    // MARK: - Account

    /// The next steps of an active business account, for its users (R-GUIDE-1; R-PRD-1…5, R-MIG-1,
    /// R-PTS-1, R-INV-1, R-TIER-1…3, R-BIL-1…4, R-MEM-1, R-MEM-2). Urgent payment steps come first.
    public func forAccount(_ facts: AccountGuidanceFacts) -> [GuidanceStep] {
        var steps: [GuidanceStep] = []
        let current = facts.memberships.last { $0.status != .ended && $0.term.isActive(at: facts.now) }
        steps += paymentSteps(facts, current: current)
        steps += productSteps(facts)
        steps += levelSteps(facts, current: current)
        if let current, current.status == .active {
            steps += membershipSteps(current)
            steps += renewalSteps(current, facts: facts)
        } else if current == nil, let latest = MembershipService.current(in: facts.memberships, at: facts.now) {
            // R-LIFE-2, R-LIFE-3: the last term has ended without a renewal.
            let status = latest.status(at: facts.now)
            if status == .expired || status == .cancelled {
                let ended = CalendarDay(latest.term.end, in: policy.timeZone)
                steps.append(step(status == .expired ? .membershipExpired : .membershipCancelled,
                                  facts: ["level": latest.level.rawValue, "membershipNumber": latest.number.compact,
                                          "endedOn": ended.description],
                                  display: ["level": levelName(latest.level), "membershipNumber": latest.number.printed,
                                            "endedOn": DayFormatter(catalog: catalog).long(ended, in: language)]))
            }
        }
        // R-LIFE-5: credit on the account, taken off the next invoice.
        if let credit = facts.accountCredit, credit.amount > 0 {
            steps.append(step(.creditIssued, facts: ["amount": credit.description],
                              display: ["amount": credit.formatted(in: language)]))
        }
        return steps
    }

    /// R-LIFE-1: inside the renewal window of a term that is not cancelled (the cancelled term has its
    /// own step), whether and how it renews.
    private func renewalSteps(_ current: Membership, facts: AccountGuidanceFacts) -> [GuidanceStep] {
        guard current.cancellation == nil else { return [] }
        let tz = policy.timeZone
        let noticeDay = current.term.renewalNoticeDay(noticeDays: policy.lifecycle.renewalNoticeDays, in: tz)
        guard facts.now >= noticeDay.start(in: tz) else { return [] }
        let expiry = current.term.expiryDay(in: tz)
        let renewal = current.renewalID.flatMap { id in facts.memberships.first { $0.id == id && $0.status != .ended } }
        let variant = renewal.map { "renewing.\($0.paymentMethod.rawValue)" } ?? "notRenewing"
        var known = ["level": current.level.rawValue, "expiryDate": expiry.description, "outcome": variant]
        if let renewal { known["renewalNumber"] = renewal.number.compact }
        return [step(.renewalDue, facts: known,
                     display: ["level": levelName(current.level), "expiryDate": DayFormatter(catalog: catalog).long(expiry, in: language)],
                     key: "guidance.step.membership.renewalDue.\(variant)")]
    }

    private func paymentSteps(_ facts: AccountGuidanceFacts, current: Membership?) -> [GuidanceStep] {
        var steps: [GuidanceStep] = []
        let days = DayFormatter(catalog: catalog)
        let billing = policy.billing
        if let current, current.status == .suspended {
            let invoice = facts.unpaidInvoices.first { $0.membershipID == current.id }
            var known = ["level": current.level.rawValue, "membershipNumber": current.number.compact]
            var display = ["level": levelName(current.level)]
            if let invoice {
                known.merge(["invoiceNumber": invoice.number, "amountDue": invoice.amountDue.description,
                             "reference": invoice.creditorReference.printed]) { a, _ in a }
                display["amountDue"] = invoice.amountDue.formatted(in: language)
            }
            steps.append(step(.membershipSuspended, facts: known, display: display))
        }
        for invoice in facts.unpaidInvoices {
            let due = invoice.due.dueDay
            var known = ["invoiceNumber": invoice.number, "invoiceID": invoice.id.rawValue, "method": invoice.paymentMethod.rawValue,
                         "amountDue": invoice.amountDue.description, "total": invoice.total.description,
                         "dueDate": due.description, "reference": invoice.creditorReference.printed]
            var display = ["amountDue": invoice.amountDue.formatted(in: language), "dueDate": days.long(due, in: language)]
            if invoice.isOverdue(at: facts.now) {
                let schedule = invoice.schedule(policy: billing)
                let today = CalendarDay(facts.now, in: policy.timeZone)
                known["daysOverdue"] = String(invoice.due.daysOverdue(on: today, status: invoice.status))
                known["suspensionDate"] = schedule.suspensionDay.description
                display["suspensionDate"] = days.long(schedule.suspensionDay, in: language)
                steps.append(step(.invoiceOverdue, facts: known, display: display,
                                  key: "guidance.step.invoice.overdue.\(invoice.paymentMethod.rawValue)"))
            } else if invoice.paymentMethod == .card {
                steps.append(step(.cardChargedOnDueDate, facts: known, display: display))
            } else {
                let notice = billing.bankTransferNotice(for: invoice.customerAddress.country, language: language)
                known["feeNotice"] = notice.textKey.rawValue
                display["feeNotice"] = notice.text(in: language, catalog: catalog)
                steps.append(step(.payByBankTransfer, facts: known, display: display))
            }
        }
        for purchase in facts.pendingPurchases {
            var known = ["purchaseID": purchase.id.rawValue, "level": purchase.term.level.rawValue,
                         "method": purchase.paymentMethod.rawValue, "issueBy": ISO8601DateFormatter().string(from: purchase.issueBy)]
            var display = ["level": levelName(purchase.term.level),
                           "method": catalog.render(purchase.paymentMethod.textKey, in: language).lowercased()]
            var details: [String] = []
            if purchase.paymentMethod == .bankTransfer {
                let notice = billing.bankTransferNotice(for: facts.account.address.country, language: language)
                known["feeNotice"] = notice.textKey.rawValue
                details.append(notice.text(in: language, catalog: catalog))
            }
            display["issueBy"] = days.long(CalendarDay(purchase.issueBy, in: policy.timeZone), in: language)
            steps.append(step(.awaitInvoice, facts: known, display: display, details: details))
        }
        return steps
    }

    private func productSteps(_ facts: AccountGuidanceFacts) -> [GuidanceStep] {
        var steps: [GuidanceStep] = []
        let active = facts.products.filter { $0.status == .active }
        if active.isEmpty {
            steps.append(step(.registerProducts, facts: ["label": "myProducts"]))
        }
        if let migration = facts.migration {
            if migration.isAvailable {
                steps.append(step(.migrateAvailable,
                                  facts: ["count": String(migration.legacyProductCount),
                                          "legacyMembershipNumber": migration.legacyMembershipNumber ?? "",
                                          "oldEmail": migration.oldCPSEmail?.address ?? ""],
                                  display: ["count": LocalizedNumber.format(migration.legacyProductCount, in: language)]))
            } else if active.isEmpty, let reason = migration.reason {
                let reasonText = catalog.render(reason.textKey, ["email": migration.oldCPSEmail?.address ?? ""], in: language)
                steps.append(step(.migrateUnavailable,
                                  facts: ["reason": reason.rawValue, "oldEmail": migration.oldCPSEmail?.address ?? "",
                                          "waysOn": migration.waysOn.map(\.rawValue).joined(separator: ",")],
                                  display: ["reasonText": reasonText],
                                  details: migration.waysOn.map { catalog.render($0.textKey, in: language) }))
            }
        }
        // R-PRD-3: one step per missing field, naming the products ("2 products lack a dealer").
        let incomplete = active.filter { !$0.isComplete }
        for field in ProductMissingField.allCases {
            let lacking = incomplete.filter { $0.missingFields.contains(field) }
            guard !lacking.isEmpty else { continue }
            let count = lacking.count
            steps.append(step(.completeMissing,
                              facts: ["field": field.rawValue, "count": String(count),
                                      "productIDs": lacking.map(\.id.rawValue).joined(separator: ","),
                                      "models": lacking.map(\.model).joined(separator: ", ")],
                              display: ["count": LocalizedNumber.format(count, in: language),
                                        "fieldName": catalog.render(TextKey("guidance.field.\(field.rawValue)"), in: language)],
                              key: "guidance.step.products.completeMissing.\(count == 1 ? "one" : "other")"))
        }
        return steps
    }

    private func levelSteps(_ facts: AccountGuidanceFacts, current: Membership?) -> [GuidanceStep] {
        var steps: [GuidanceStep] = []
        let levels = facts.levels
        let points = levels.points
        let threshold = policy.products.invitationThreshold
        let invited = facts.balance.invitedAt != nil || points >= threshold
        let pointsFacts = ["points": String(points)]
        if !invited {
            steps.append(step(.pointsToInvitation,
                              facts: pointsFacts.merging(["missing": String(threshold - points), "threshold": String(threshold)]) { a, _ in a },
                              display: ["missing": number(threshold - points), "threshold": number(threshold), "points": number(points)]))
        }
        let hasPlan = current != nil || !facts.pendingPurchases.isEmpty
        if invited, !hasPlan {
            let open = levels.individual.filter(\.isOpen) + (levels.isBusinessSwitchShown ? levels.business.filter(\.isOpen) : [])
            steps.append(step(.chooseLevel,
                              facts: pointsFacts.merging(["openLevels": open.map(\.level.rawValue).joined(separator: ",")]) { a, _ in a },
                              display: ["levels": levelList(levels.individual.filter(\.isOpen))]))
            if levels.isBusinessSwitchShown {
                let business = levels.business.filter(\.isOpen)
                steps.append(step(.businessSwitch,
                                  facts: ["points": String(points), "threshold": String(policy.levels.businessPointsThreshold),
                                          "completeRegistrations": String(levels.completeRegistrations),
                                          "openBusinessLevels": business.map(\.level.rawValue).joined(separator: ","),
                                          "openIndividualLevels": levels.individual.filter(\.isOpen).map(\.level.rawValue)
                                              .joined(separator: ",")],
                                  display: ["threshold": number(policy.levels.businessPointsThreshold),
                                            "business": business.isEmpty ? catalog.render("guidance.none", in: language)
                                                : levelList(business)],
                                  details: levels.business.filter { !$0.isOpen }.map { availability in
                                      levelName(availability.level) + ": "
                                          + availability.shortfalls.map { $0.text(in: language, catalog: catalog) }.joined(separator: " ")
                                  }))
            }
        }
        // R-TIER-1: how far to each closed individual level above the current one.
        let currentMinimum = current.flatMap { membership in
            policy.levels.individualLevels.first { $0.level == membership.level }?.minimumPoints
        } ?? 0
        for availability in levels.individual where !availability.isOpen {
            guard let required = policy.levels.individualLevels.first(where: { $0.level == availability.level })?.minimumPoints,
                  required > currentMinimum, invited || required > threshold else { continue }
            steps.append(step(.pointsToLevel,
                              facts: ["level": availability.level.rawValue, "points": String(points),
                                      "missing": String(required - points), "required": String(required)],
                              display: ["level": levelName(availability.level), "missing": number(required - points),
                                        "required": number(required)]))
        }
        let business = policy.levels.businessPointsThreshold
        if points <= business, current.map({ policy.levels.view(of: $0.level) != .business }) ?? true {
            steps.append(step(.pointsToBusinessLevels,
                              facts: ["points": String(points), "missing": String(business + 1 - points), "threshold": String(business)],
                              display: ["missing": number(business + 1 - points), "threshold": number(business)]))
        }
        return steps
    }

    private func membershipSteps(_ membership: Membership) -> [GuidanceStep] {
        let until = CalendarDay(membership.term.end.addingTimeInterval(-1), in: policy.timeZone)
        var steps = [step(.membershipActive,
                          facts: ["level": membership.level.rawValue, "membershipNumber": membership.number.compact,
                                  "until": until.description, "method": membership.paymentMethod.rawValue],
                          display: ["level": levelName(membership.level), "membershipNumber": membership.number.printed,
                                    "until": DayFormatter(catalog: catalog).long(until, in: language)])]
        if membership.cancellation != nil {
            steps.append(step(.membershipEndsAtTermEnd,
                              facts: ["level": membership.level.rawValue, "until": until.description],
                              display: ["level": levelName(membership.level),
                                        "until": DayFormatter(catalog: catalog).long(until, in: language)]))
        }
        if let previous = membership.previousNumbers.last {
            steps.append(step(.membershipNumberChanged,
                              facts: ["membershipNumber": membership.number.compact, "previousNumber": previous],
                              display: ["membershipNumber": membership.number.printed]))
        }
        return steps
    }

    // MARK: - Rendering

    /// A step whose text is `key` (by default `guidance.step.<code>`) filled with the raw facts, overridden
    /// by their display forms.
    private func step(_ code: GuidanceCode, facts: [String: String], display: [String: String] = [:],
                      details: [String] = [], key: String? = nil) -> GuidanceStep {
        var arguments = facts.merging(display) { _, shown in shown }.mapValues(MessageArgument.text)
        // R-MSG-1: counts stay numbers, so a template can agree with them ("1 more point").
        for name in Self.countFacts { if let raw = facts[name], let count = Int(raw) { arguments[name] = .count(count) } }
        let text = catalog.render(TextKey(key ?? "guidance.step.\(code.rawValue)"), arguments: arguments, in: language)
        return GuidanceStep(code: code, facts: facts, text: text, details: details)
    }

    /// The facts that are counts, rendered as ``MessageArgument/count(_:)`` (R-MSG-1).
    private static let countFacts: Set<String> = ["missing", "count", "workingDays", "points", "threshold", "required"]

    private func number(_ value: Int) -> String { LocalizedNumber.format(value, in: language) }

    private func levelName(_ level: CPSLevel) -> String { catalog.render(level.textKey, in: language) }

    private func levelList(_ levels: [LevelAvailability]) -> String {
        levels.map { catalog.render("guidance.levelWithFee", ["level": levelName($0.level),
                                                               "fee": $0.yearlyFee.formatted(in: language)], in: language) }
            .joined(separator: ", ")
    }
}
