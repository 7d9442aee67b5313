/// Reads the audit trail (R-VAL-1): every transition with who, when and why.
extension RecordStore {
    /// The audit entries about `subject`, oldest first.
    public func auditTrail(of subject: String) async throws(StorageError) -> [AuditEntry] {
        try await fetchAll(AuditEntry.self, indexKey: "subject:\(subject)").map(\.record)
    }
}
