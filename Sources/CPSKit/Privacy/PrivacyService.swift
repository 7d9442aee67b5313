import Foundation

/// Privacy operations (R-GDPR-2): legal holds on an application, placed and lifted by a reviewer
/// who is no party to it, each audited on the application. A hold keeps the application's evidence
/// files past their retention period (``EvidenceRetentionJob`` skips it) until it is lifted.
public struct PrivacyService: Sendable {
    let context: CPSContext

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// Places a legal hold on `applicationID` with `reason` (a case reference, the authority's
    /// request; at most `fieldLimits.message` characters). Audited `legalHold.placed` with the reason.
    ///
    /// - Throws: ``PrivacyError`` `holdReasonRequired` (empty reason), `onLegalHold` (already held);
    ///   ``InputError`` for a reason too long or with control characters;
    ///   ``ApplicationError`` `notFound`; ``AuthorizationError`` for anyone but a reviewer who is no
    ///   party to the application.
    @discardableResult
    public func placeLegalHold(on applicationID: BusinessAccountApplication.ID, reason: String,
                               as principal: Principal) async throws -> LegalHold {
        try await context.transact("privacy.placeLegalHold", as: principal) { unit in
            try await unit.authorize(.reviewer)
            let application = try await unit.application(applicationID)
            try await unit.authorize(.reviewerOf(application.record))
            let text: String
            do {
                text = try TextFieldRules.validate(reason, field: "reason", maxLength: context.policy.fieldLimits.message)
            } catch let error as InputError where error.reason == .missing {
                throw PrivacyError(.holdReasonRequired, applicationID: applicationID)
            }
            if let existing = try await unit.fetch(LegalHold.self, id: applicationID) {
                throw PrivacyError(.onLegalHold, applicationID: applicationID,
                                   facts: ["since": CalendarDay(existing.record.placedAt, in: unit.policy.timeZone).description])
            }
            let hold = LegalHold(applicationID: applicationID, reason: text, placedBy: principal, placedAt: unit.now)
            try unit.insert(hold)
            try unit.audit(applicationID, "legalHold.placed", reason: text)
            return hold
        }
    }

    /// Lifts the legal hold on `applicationID`; an evidence period already over lets the next
    /// retention run delete the files. Audited `legalHold.lifted`.
    ///
    /// - Throws: ``PrivacyError`` `noLegalHold`; ``ApplicationError`` `notFound`;
    ///   ``AuthorizationError`` as for ``placeLegalHold(on:reason:as:)``.
    public func liftLegalHold(on applicationID: BusinessAccountApplication.ID, as principal: Principal) async throws {
        try await context.transact("privacy.liftLegalHold", as: principal) { unit in
            try await unit.authorize(.reviewer)
            let application = try await unit.application(applicationID)
            try await unit.authorize(.reviewerOf(application.record))
            guard let hold = try await unit.fetch(LegalHold.self, id: applicationID) else {
                throw PrivacyError(.noLegalHold, applicationID: applicationID)
            }
            try unit.delete(hold)
            try unit.audit(applicationID, "legalHold.lifted")
        }
    }

    /// Every legal hold, oldest first, for a reviewer or the host.
    public func legalHolds(as principal: Principal) async throws -> [LegalHold] {
        try await context.read("privacy.legalHolds", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
            return try await context.store.fetchAll(LegalHold.self, indexKey: LegalHold.allIndex).map(\.record)
        }
    }
}
