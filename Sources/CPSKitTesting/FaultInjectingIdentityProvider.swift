import CPSKit

/// An ``IdentityProvider`` for tests of R-PWD-1 and R-ID-1 that fails `setPassword` on cue: before
/// the password is written, or **after** it was written (the caller sees a failure, the inner
/// provider holds the new password — the case claim → call → record exists for).
///
/// ```swift
/// let identity = FaultInjectingIdentityProvider([.failAfterWrite], inner: env.identity)
/// ```
/// Faults are used one per `setPassword`, in order; the other calls go to ``inner`` unchanged.
public final class FaultInjectingIdentityProvider: IdentityProvider {
    /// What happens to one `setPassword`.
    public enum Fault: Hashable, Sendable {
        /// Throws ``IdentityError``; nothing is written.
        case failBeforeWrite
        /// The inner provider stores the password, then ``IdentityError`` is thrown.
        case failAfterWrite
    }

    /// The provider that holds the passwords.
    public let inner: any IdentityProvider
    private let faults: Locked<[Fault]>

    /// A provider that applies `faults` in order to the next `setPassword` calls, then behaves.
    public init(_ faults: [Fault] = [], inner: any IdentityProvider) {
        self.inner = inner
        self.faults = Locked(faults)
    }

    /// Adds faults for the next `setPassword` calls.
    public func inject(_ more: [Fault]) { faults.withLock { $0 += more } }

    /// The faults not yet used.
    public var pending: [Fault] { faults.withLock { $0 } }

    /// Applies the next fault, if any, around the inner `setPassword`.
    public func setPassword(_ password: String, userID: String, email: EmailAddress) async throws(IdentityError) {
        let fault = faults.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        switch fault {
        case .failBeforeWrite?:
            throw IdentityError("injected: the identity system did not answer")
        case .failAfterWrite?:
            try await inner.setPassword(password, userID: userID, email: email)
            throw IdentityError("injected: the answer was lost after the password was stored")
        case nil:
            try await inner.setPassword(password, userID: userID, email: email)
        }
    }

    /// The inner provider's answer.
    public func verifyPassword(_ password: String, userID: String) async throws(IdentityError) -> Bool {
        try await inner.verifyPassword(password, userID: userID)
    }

    /// The inner provider's answer.
    public func verifyUnknownUser(password: String) async throws(IdentityError) -> Bool {
        try await inner.verifyUnknownUser(password: password)
    }

    /// The inner provider's answer.
    public func credentialVersion(userID: String) async throws(IdentityError) -> Int? {
        try await inner.credentialVersion(userID: userID)
    }
}
