import Foundation

/// The job that answers password-reset requests (R-PWD-1, R-ID-3, R-UOW-2): for each pending
/// ``PasswordResetRequest`` it issues a token and queues the `passwordReset` mail when the address
/// belonged to a user, and otherwise audits the refusal — `password.resetRefused` on the application
/// whose account is not yet created, or on the request itself with the keyed fingerprint of the
/// address (never the address, never a plain hash of it). Each request is its own unit; running the
/// job twice or concurrently handles each request once.
public struct PasswordResetJob: Sendable {
    let context: CPSContext

    /// Creates the job.
    public init(_ context: CPSContext) { self.context = context }

    /// Handles up to one page of pending requests as `principal` (a ``Principal/system(_:)``).
    public func runPending(as principal: Principal) async throws -> PasswordResetReport {
        try await context.read("password.resetJob", as: principal) { unit in try await unit.authorize(.system) }
        var report = PasswordResetReport()
        report.hasMore = try await JobPager(context: context).visit(PasswordResetRequest.self,
                                                                     indexKey: PasswordResetRequest.pendingIndex) { stored in
            switch try await handle(stored.record.id, as: principal) {
            case .mailed: report.mailed.append(stored.record.id)
            case .refused: report.refused.append(stored.record.id)
            case .skipped: return false
            }
            return true
        }
        context.events.emit(.jobRun(job: name, processed: report.processed, hasMore: report.hasMore))
        return report
    }

    private enum Outcome { case mailed, refused, skipped }

    private func handle(_ requestID: String, as principal: Principal) async throws -> Outcome {
        try await context.transact("password.resetRequest", as: principal) { unit in
            try await unit.authorize(.system)
            guard var request = try await unit.fetch(PasswordResetRequest.self, id: requestID),
                  request.record.state == .pending else { return .skipped }
            request.record.state = .handled
            try unit.update(request)
            let target = request.record.unpaddedTarget
            if target.hasPrefix("user:"), let user = try await unit.fetch(AccountUser.self, id: AccountUser.ID(String(target.dropFirst(5)))),
               user.record.status != .removed {
                let token = try await TokenIssuer(unit: unit).issue(for: user.record, purpose: .reset)
                try unit.mail("passwordReset", to: user.record, passwordLink: token, facts: [
                    "name": user.record.name, "hours": String(context.policy.passwords.tokenLifetimeHours),
                ])
                try unit.audit(user.record.id, "password.resetSent")
                return .mailed
            }
            if target.hasPrefix("application:"),
               let application = try await unit.fetch(BusinessAccountApplication.self, id: BusinessAccountApplication.ID(String(target.dropFirst(12)))) {
                try unit.audit(application.record.id, "password.resetRefused",
                               reason: "account not yet created (application \(application.record.status.rawValue))")
            } else {
                // The request itself is the subject (R-GDPR-3: a chain per real subject, no catch-all).
                try unit.audit(request.record.id, "password.resetRefused", reason: "no account for the address",
                               details: ["addressFingerprint": request.record.addressFingerprint])
            }
            return .refused
        }
    }
}

extension PasswordResetJob: CPSJob {
    /// `passwordResets`.
    public var name: String { "passwordResets" }

    /// ``runPending(as:)`` (R-UOW-2).
    public func runOnce(as principal: Principal) async throws -> PasswordResetReport { try await runPending(as: principal) }

    /// `instant` when a request is waiting, else `nil` (R-UOW-2).
    public func nextDue(after instant: Date) async throws -> Date? {
        try await context.store.records(PasswordResetRequest.pendingIndex,
                                        after: nil, limit: 1).records.isEmpty ? nil : instant
    }
}
