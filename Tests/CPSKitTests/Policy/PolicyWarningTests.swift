import CPSKit
import Testing

/// R-UOW-3, R-MSG-1: a policy's warnings explain themselves in the reader's language.
@Suite("Policy warnings")
struct PolicyWarningTests {
    @Test("R-UOW-3: one attempt and a low hash count warn, in Swedish and English; the production policy does not")
    func warningsInEveryLanguage() {
        #expect(CPSPolicy.canonEurope.warnings.isEmpty)
        var policy = CPSPolicy.canonEurope
        policy.retries.attempts = 1
        policy.passwords.hashIterations = 1000
        let warnings = policy.warnings
        #expect(warnings.map(\.field) == ["retries.attempts", "passwords.hashIterations"])
        #expect(warnings[1].message(in: .english) == "1,000 PBKDF2 iterations is a low-cost setting for tests; production uses 600,000.")
        #expect(warnings[1].message(in: .swedish) == "1\u{00A0}000 PBKDF2-iterationer är en billig inställning för tester; i produktion används 600\u{00A0}000.")
        #expect(warnings[1].problem == warnings[1].message(in: .english))
        for warning in warnings {
            for language in TextCatalog.standard.languages {
                #expect(!warning.message(in: language).contains("policy.warning"), "\(warning.field) in \(language)")
            }
        }
        #expect(warnings[0].message(in: .swedish) != warnings[0].message(in: .english))
    }
}
