import CPSKit
import CPSRules
import Foundation
import Testing

/// The journey's speed-ups outside the payload codec (issue 17 items 2 and 6) give exactly what the
/// slower code gave.
@Suite("Fast paths agree with the code they replace (R-ACC-1, R-ACC-4, R-ADP-2)")
struct FastPathEquivalenceTests {
    @Test("R-ACC-1: trimmingWhitespace equals Foundation's trimmingCharacters, with and without newlines", arguments: [
        "", " ", "a", " a ", "\ta\n", "a\u{00A0}", "\u{2028}x", "x\u{85}", "anna@ljusbild.se", "å", "é ", "!~",
        "a b", "\u{0}a", "a\u{0}", "\r\n", "\u{3000}x\u{3000}", "~", "  anna@x.se\n", "x\u{301}",
    ])
    func trimming(_ text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmingWhitespace(andNewlines: true) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        let inner = ("<" + text + ">").dropFirst().dropLast()
        #expect(inner.trimmingWhitespace() == inner.trimmingCharacters(in: .whitespaces))
    }

    @Test("lowercaseHex is two lower-case digits a byte", arguments: [[UInt8](), [0], [0x0f, 0x10, 0xab, 0xff], Array(0...255)])
    func hex(_ bytes: [UInt8]) {
        #expect(bytes.lowercaseHex == bytes.map { String(format: "%02x", $0) }.joined())
    }

    @Test("R-ADP-2, R-ACC-4: messages(to:) gives the mails to an address ignoring case, in delivery order, each once")
    func mailboxByRecipient() async throws {
        let mailbox = InMemoryMailbox()
        let anna = try EmailAddress("Anna@Ljusbild.example"), erik = try EmailAddress("erik@berg.example")
        func mail(_ id: String, to: [EmailAddress]) -> MailMessage {
            MailMessage(messageID: id, from: MailAddress(erik), to: to.map { MailAddress($0) }, subject: id, body: "",
                        language: .swedish, template: "t", date: Date(timeIntervalSince1970: 0))
        }
        try await mailbox.deliver(mail("1", to: [anna]))
        try await mailbox.deliver(mail("2", to: [erik]))
        try await mailbox.deliver(mail("3", to: [erik, try EmailAddress("anna@ljusbild.example")]))
        try await mailbox.deliver(mail("1", to: [anna])) // the same Message-ID: kept once
        try await mailbox.deliver(mail("4", to: [anna, anna]))
        let slow = mailbox.messages.filter { $0.to.contains { $0.email == anna } }
        #expect(mailbox.messages(to: try EmailAddress("ANNA@ljusbild.example")).map(\.messageID) == ["1", "3", "4"])
        #expect(mailbox.messages(to: anna) == slow)
        #expect(mailbox.messages(to: erik).map(\.messageID) == ["2", "3"])
        #expect(mailbox.messages(to: try EmailAddress("nobody@berg.example")).isEmpty)
    }
}
