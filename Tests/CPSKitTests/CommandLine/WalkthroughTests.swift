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
                         "Lösenordet är angivet", "Inloggad på det nu aktiva företagskontot för Ljusbild Foto AB",
                         "MIGRERA PRODUKTER", "Visa produkt", "Tillgängliga CPS-nivåer", "CPS Priority Support",
                         "Faktura CPS-2026-000001", "Omvänd betalningsskyldighet", "Moms 21 %", "förfaller onsdag 30 december 2026",
                         "Kortet debiteras".lowercased(), "jobbet kört igen debiterar 0", "Klart: hela resan"] {
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
        // Issue 3: migration with an incomplete product and a serial conflict; the invitation at 500 points.
        #expect(first.output.contains("2 products migrated, 1 complete, 1 incomplete"))
        #expect(first.output.contains("registered by another account. Contact CPS Priority Support"))
        #expect(first.output.contains("Migrating a second time adds 0 products"))
        #expect(first.output.contains("Subject: You are invited to join CPS"))
        // Issue 4: Gold by card and by bank transfer, the invoices and the due-date charge.
        #expect(first.output.contains("bought Gold paying by card"))
        #expect(first.output.contains("bought Gold paying by bank transfer"))
        #expect(first.output.contains("Reverse charge"))
        #expect(first.output.contains("the card is charged €200.00 on the due date (1 charge; the job run again charges 0)"))
        #expect(first.output.contains("Invoice CPS-2026-000002: paid."))
        // Issue 19: Berg gives its Peppol address; a goodwill credit note on its paid invoice (R-LIFE-5).
        #expect(first.output.contains("its superuser gives one for e-invoices: 0007:5567321707."))
        #expect(first.output.contains("The paid invoice CPS-2026-000002 is not changed: a credit note CN-CPS-2026-000001 of €24.20"))
    }

    @Test("R-LIFE-1…5: one year later — the notice, the card renewal charged on the expiry date and not before, a cancelled account that ends, a credit note refunded once")
    func oneYearLater() async {
        let english = await CommandLineTool.run(["walkthrough"])
        #expect(english.status == .success, "\(english.errorOutput)")
        let later = String(english.output.split(separator: "One year later, 1.", maxSplits: 1).last ?? "")
        for expected in ["the renewals job sends 2 renewal notices and issues 1 renewal invoice (the job run again sends 0)",
                         "It renews automatically for another term from Tuesday 30 November 2027",
                         "You cancelled it, so it ends on Tuesday 30 November 2027",
                         "a minute before the day the charges job charges 0; on the day it charges the renewal (1 charge)",
                         "carries 1 membership on into its renewal and ends 1",
                         "Ljusbild Foto AB: CPS Gold CPS 000 000 003 4, active.", "Fotograf Berg: CPS Gold CPS 000 000 002 6, ended after a cancellation.",
                         "credit note CN-CPS-2027-000001 for invoice CPS-2027-000001: €50.00",
                         "refunded to the card (key cps-refund:CN-CPS-2027-000001:1); asked again, it is still 1 refund"] {
            #expect(later.contains(expected), "missing: \(expected)")
        }
        let swedish = await CommandLineTool.run(["walkthrough", "--lang", "sv"])
        #expect(swedish.output.contains("Ett år senare, 3. En kreditnota och en återbetalning."))
        #expect(swedish.output.contains("upphört efter uppsägning"))
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
