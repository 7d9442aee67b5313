import CPSCLI
import Testing

@Suite("cps walkthrough: the seed's journey from a fresh store")
struct WalkthroughTests {
    @Test("Swedish: every step of the seed, the mails in Swedish, the expected date, a set password")
    func swedish() async {
        let result = await CommandLineTool.run(["walkthrough", "--lang", "sv"])
        #expect(result.status == .success, "\(result.errorOutput)")
        for expected in ["Steg 1.", "Steg 2.", "Steg 3.", "Steg 4.", "Steg 5.", "tisdag 1 december 2026",
                         "Från: Canon <donotreply@canon-europe.com>", "Försök inte att återställa lösenordet innan dess",
                         "Lösenordet är angivet", "Inloggad på företagskontot för Ljusbild Foto AB (status: active)"] {
            #expect(result.output.contains(expected), "missing: \(expected)")
        }
    }

    @Test("English, and the same output on every run")
    func deterministic() async {
        let first = await CommandLineTool.run(["walkthrough"])
        let second = await CommandLineTool.run(["walkthrough", "--lang", "en"])
        #expect(first.status == .success)
        #expect(first.output == second.output)
        #expect(first.output.contains("Step 5. Enter your new password"))
        #expect(first.output.contains("Tuesday 1 December 2026"))
    }

    @Test("Unknown options are usage errors; --help explains the command")
    func usage() async {
        #expect(await CommandLineTool.run(["walkthrough", "--bogus"]).status == .usage)
        #expect(await CommandLineTool.run(["walkthrough", "extra"]).status == .usage)
        let help = await CommandLineTool.run(["walkthrough", "--help"])
        #expect(help.status == .success)
        #expect(help.output.contains("Usage: cps walkthrough"))
        #expect(await CommandLineTool.run(["nonsense"]).status == .usage)
        #expect(await CommandLineTool.run([]).status == .usage)
    }
}
