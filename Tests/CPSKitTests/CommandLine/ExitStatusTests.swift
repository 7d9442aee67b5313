@testable import CPSCLI
import CPSKit
import Testing

/// The `cps` exit codes follow the error's category, never its code string (issue 15,
/// Documentation/CommandLine.md).
@Suite("cps exit codes by error category")
struct ExitStatusTests {
    @Test("refusal 65, failure 74, configuration 78")
    func categories() {
        #expect(ExitStatus(FailureCategory.refusal).rawValue == 65)
        #expect(ExitStatus(FailureCategory.failure).rawValue == 74)
        #expect(ExitStatus(FailureCategory.configuration).rawValue == 78)
        #expect(FailureCategory.all.map { ExitStatus($0).rawValue } == [65, 74, 78])
    }

    @Test("each error's category picks its exit code, whatever its code string says")
    func errors() {
        #expect(ExitStatus(StorageError.uniqueKeyTaken("email:a@b.se", heldBy: "accountUser", id: "user-1").category) == .refused)
        #expect(ExitStatus(StorageError(.unavailable, detail: "disk full").category) == .failure)
        #expect(ExitStatus(StorageError(.unsupportedVersion, detail: "format 9").category) == .configuration)
        #expect(ExitStatus(MembershipError(.cardPaymentsUnavailable).category) == .configuration)
        #expect(ExitStatus(ProductError(.busy).category) == .failure)
        #expect(ExitStatus(VATNumberError(.badCheckDigit, input: "SE556677889902").category) == .refused)
    }

}
