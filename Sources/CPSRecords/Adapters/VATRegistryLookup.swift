/// A VAT registry that can confirm a number (R-VAT-2): VIES for EU numbers, or a national service.
/// Optional: R-VAT-1's offline check stands on its own; a lookup adds the registry's word.
///
/// Rules every implementation follows (the in-memory ``InMemoryVATRegistry`` does):
/// - ``lookUp(_:)`` never throws: a timeout, an outage or a refused request is
///   ``VATLookupOutcome/unavailable(reason:)``, never ``VATLookupOutcome/invalid``;
/// - ``VATLookupOutcome/invalid`` only when the registry itself says the number is not registered;
/// - name and address are passed on as the registry returns them (`nil` when it withholds them).
///
/// Record each outcome with ``record(_:at:)`` (or build a ``VATLookupRecord``) for the audit.
///
/// ```swift
/// let registry = InMemoryVATRegistry()
/// await registry.register(try VATNumber("SE556677889901"), name: "Exempel AB", address: "Storgatan 1")
/// let record = await registry.record(try VATNumber("SE 556677-8899 01"), at: .fixed(now))
/// assert(record.outcome == .valid(name: "Exempel AB", address: "Storgatan 1"))
/// ```
public protocol VATRegistryLookup: Sendable {
    /// Asks the registry about `number` (R-VAT-2). Never throws: failures of the service are
    /// ``VATLookupOutcome/unavailable(reason:)``.
    func lookUp(_ number: VATNumber) async -> VATLookupOutcome
}

extension VATRegistryLookup {
    /// Looks `number` up and stamps the outcome with the time from `time`, ready for the audit
    /// (R-VAT-2).
    public func record(_ number: VATNumber, at time: TimeSource) async -> VATLookupRecord {
        let outcome = await lookUp(number)
        return VATLookupRecord(number: number, outcome: outcome, checkedAt: time.now())
    }
}
