import CPSKit

/// The `cps` tool's exit codes (documented in `Documentation/CommandLine.md`).
///
/// A query's verdict (an invalid VAT number, a closed level) is output, not an error: it exits with
/// ``success``.
package enum ExitStatus: Int32, Sendable {
    /// The command did its work.
    case success = 0
    /// The command line was wrong: unknown command or option, missing or malformed argument.
    case usage = 64
    /// A rule of the journey refused the request; the explanation is printed.
    case refused = 65
    /// A verification found a break: `cps audit verify` found a tampered audit chain (R-GDPR-3).
    case verificationFailed = 66
    /// The command could not do its work: storage, I/O or another failure.
    case failure = 74
    /// The set-up is wrong: an invalid policy, a missing adapter, data of a newer version.
    case configuration = 78

    /// The status of an error of `category`: refusal 65, failure 74, configuration 78.
    init(_ category: FailureCategory) {
        switch category.representation {
        case .refusal: self = .refused
        case .failure: self = .failure
        case .configuration: self = .configuration
        }
    }
}
