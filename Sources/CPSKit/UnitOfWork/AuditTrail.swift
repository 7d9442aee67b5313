/// Reads the audit trail (R-VAL-1): every transition with who, when and why. `package`: hosts read it
/// through ``AuditService/trail(of:as:)``, with a principal (R-ID-4).
extension RecordStore {
    /// The audit entries about `subject`, oldest first.
    package func auditTrail(of subject: some LosslessStringConvertible) async throws(StorageError) -> [AuditEntry] {
        try await fetchAll(AuditEntry.self, indexKey: AuditEntry.bySubject(subject.description)).map(\.record)
    }
}
