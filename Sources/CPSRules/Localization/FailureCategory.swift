/// What kind of error a ``LocalizedFailure`` is, so that a program can react without reading its
/// ``LocalizedFailure/code`` (R-MSG-1).
///
/// - ``refusal``: a rule refused the request; the input or the state must change first (the `cps`
///   tool exits 65).
/// - ``failure``: something CPSKit relies on did not work (storage, a payment service, the identity
///   system); trying again later may succeed (exit 74).
/// - ``configuration``: the host is set up wrongly (an invalid policy, a missing adapter); a person
///   running the service must fix it (exit 78).
///
/// A struct over a private representation, like every reason in CPSKit: a category added later
/// breaks no client. Compare with the static members (`error.category == .refusal`).
public struct FailureCategory: Hashable, Sendable, CustomStringConvertible {
    /// The closed set of categories, for exhaustive `switch`es inside the package.
    package enum Representation: String, CaseIterable, Sendable {
        case refusal, failure, configuration
    }

    /// The category, for exhaustive handling inside the package (the CLI's exit codes).
    package let representation: Representation

    private init(_ representation: Representation) { self.representation = representation }

    /// A rule refused the request: nothing changed; the input or the state must change first.
    public static let refusal = FailureCategory(.refusal)
    /// Something CPSKit relies on failed (storage, an outside service); trying again may succeed.
    public static let failure = FailureCategory(.failure)
    /// The host's set-up is wrong (policy, adapters); a person running the service must fix it.
    public static let configuration = FailureCategory(.configuration)

    /// Every category, in the order above.
    public static let all: [FailureCategory] = Representation.allCases.map(FailureCategory.init)

    /// `refusal`, `failure` or `configuration`: stable, for logs and APIs.
    public var description: String { representation.rawValue }
}
