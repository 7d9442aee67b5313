import CPSKit

/// Counts the password derivations of a ``PasswordHasher`` (R-ID-2): pass ``observer`` to the
/// hasher, then read ``calls`` — one entry per PBKDF2 derivation, its iteration count.
///
/// ```swift
/// let counter = KDFCounter()
/// let identity = InMemoryIdentityProvider(hasher: PasswordHasher(policy: .lowCost, observer: counter.observer))
/// _ = try await identity.verifyUnknownUser(password: "x")
/// #expect(counter.calls == [PasswordPolicy.lowCostIterations])
/// ```
public final class KDFCounter: Sendable {
    private let recorded = Locked<[Int]>([])

    /// A counter with nothing counted.
    public init() {}

    /// The hook to give to ``PasswordHasher/init(policy:maximumConcurrency:observer:)``.
    public var observer: @Sendable (Int) -> Void { { [recorded] iterations in recorded.withLock { $0.append(iterations) } } }

    /// The iteration count of every derivation so far, in order.
    public var calls: [Int] { recorded.withLock { $0 } }

    /// Forgets what was counted.
    public func reset() { recorded.withLock { $0.removeAll() } }

    /// The calls made while `body` ran.
    public func counting(_ body: () async throws -> Void) async rethrows -> [Int] {
        let before = calls.count
        try await body()
        return Array(calls.dropFirst(before))
    }
}
