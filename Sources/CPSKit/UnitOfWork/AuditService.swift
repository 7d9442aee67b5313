/// Reading the audit trail (R-VAL-1, R-ID-4): every transition with who, when and why, for a reviewer
/// or the host (a ``Principal/system(_:)``). The one public way to it: the store's own reader is
/// internal to the package, so no read escapes the authorisation table.
public struct AuditService: Sendable {
    let context: CPSContext

    /// Creates the service.
    public init(_ context: CPSContext) { self.context = context }

    /// The audit entries about `subject` (an application, account, user or reviewer ID), oldest first.
    public func trail(of subject: some LosslessStringConvertible & Sendable, as principal: Principal) async throws -> [AuditEntry] {
        try await context.read("audit.trail", as: principal) { unit in
            try await unit.authorize(.anyOf([.system, .reviewer]))
            return try await context.store.auditTrail(of: subject)
        }
    }
}
