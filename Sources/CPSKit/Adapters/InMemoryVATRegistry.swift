/// The in-memory VAT registry (R-VAT-2): tests and examples register numbers as valid (with name and
/// address), invalid, or make the whole service unavailable, and read back every question it was
/// asked.
///
/// Numbers are matched by their canonical form (R-VAT-1), so `GR…` and `EL…` are one registration.
/// A number nobody registered is ``VATLookupOutcome/invalid``, as a real registry answers; call
/// ``setDefault(_:)`` to change that.
public actor InMemoryVATRegistry: VATRegistryLookup {
    private var entries: [String: VATLookupOutcome] = [:]
    private var outage: String?
    private var fallback: VATLookupOutcome = .invalid
    private var asked: [VATNumber] = []

    /// An empty registry that is available.
    public init() {}

    /// Registers `number` as valid, with the name and address the registry returns.
    public func register(_ number: VATNumber, name: String?, address: String?) {
        entries[number.canonical] = .valid(name: name, address: address)
    }

    /// Registers `number` as not registered (invalid).
    public func registerInvalid(_ number: VATNumber) {
        entries[number.canonical] = .invalid
    }

    /// Makes `number` alone unavailable (one member state's service down).
    public func registerUnavailable(_ number: VATNumber, reason: String) {
        entries[number.canonical] = .unavailable(reason: reason)
    }

    /// The answer for numbers nobody registered (``VATLookupOutcome/invalid`` unless changed).
    public func setDefault(_ outcome: VATLookupOutcome) { fallback = outcome }

    /// Makes the whole service unavailable with `reason`, or available again with `nil`.
    public func setUnavailable(_ reason: String?) { outage = reason }

    /// Every number looked up so far, in order.
    public var lookups: [VATNumber] { asked }

    /// Forgets every registration, the outage and the recorded lookups.
    public func reset() {
        entries = [:]
        outage = nil
        fallback = .invalid
        asked = []
    }

    // MARK: - VATRegistryLookup

    /// The registered answer for `number`, or ``VATLookupOutcome/unavailable(reason:)`` during an
    /// outage (R-VAT-2).
    public func lookUp(_ number: VATNumber) -> VATLookupOutcome {
        asked.append(number)
        if let outage { return .unavailable(reason: outage) }
        return entries[number.canonical] ?? fallback
    }
}
