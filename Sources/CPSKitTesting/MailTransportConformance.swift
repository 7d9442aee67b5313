import CPSKit
import Foundation

/// A check of ``MailTransportConformance`` that a transport failed (R-ADP-2).
public struct MailConformanceFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The check that failed, e.g. `"non-ASCII survives"`.
    public let check: String
    /// What was wrong.
    public let detail: String

    /// Creates a failure.
    public init(check: String, detail: String) {
        self.check = check
        self.detail = detail
    }

    /// The check and what was wrong, for test failure messages.
    public var description: String { "MailTransportConformance — \(check): \(detail)" }
}

/// The conformance suite every ``MailTransport`` runs, from any test framework, with one call
/// (R-ADP-2). It throws ``MailConformanceFailure`` naming the first check that failed.
///
/// ```swift
/// // Swift Testing
/// @Test func conforms() async throws {
///     try await MailTransportConformance.run(makeTransport: { InMemoryMailbox() },
///                                            readBack: { $0.messages })
/// }
/// // XCTest
/// func testConforms() async throws {
///     try await MailTransportConformance.run(makeTransport: { MyTransport(...) },
///                                            readBack: { try await $0.fetchSentMails() })
/// }
/// ```
///
/// `makeTransport` returns a fresh, empty transport for each check; `readBack` returns the mails it
/// holds (or a test mailbox behind it received), parsed back into ``MailMessage`` values of which the
/// suite compares Message-ID, sender, recipients (addresses and display names), subject and body
/// (line endings normalised to LF, trailing line breaks ignored). Checks:
///
/// 1. a delivered mail reads back intact;
/// 2. non-ASCII text survives: Swedish letters, a long subject, display names with quotes and
///    commas, long body lines, trailing spaces, `=` signs, an emoji;
/// 3. several recipients arrive in order;
/// 4. two mails with the same content but different Message-IDs arrive as two;
/// 5. redelivery of the same Message-ID yields one mail (when `honoursMessageID`; otherwise at least
///    one);
/// 6. concurrent deliveries of distinct mails, each twice, all arrive (once each when
///    `honoursMessageID`).
public enum MailTransportConformance {
    /// Runs every check and returns their names (R-ADP-2).
    @discardableResult
    public static func run<T: MailTransport>(
        honoursMessageID: Bool = true,
        makeTransport: () async throws -> T,
        readBack: (T) async throws -> [MailMessage]
    ) async throws -> [String] {
        var passed: [String] = []
        func check(_ name: String, _ body: () async throws -> Void) async throws {
            do {
                try await body()
            } catch let failure as MailConformanceFailure {
                throw failure
            } catch {
                throw MailConformanceFailure(check: name, detail: "threw \(error)")
            }
            passed.append(name)
        }

        try await check("a delivered mail reads back intact") {
            let check = "a delivered mail reads back intact"
            let transport = try await makeTransport()
            let mail = try sample(1)
            try await transport.deliver(mail)
            let got = try await readBack(transport)
            try expectCount(got, 1, check)
            try expectSame(mail, got[0], check)
        }

        try await check("non-ASCII survives") {
            let check = "non-ASCII survives"
            let transport = try await makeTransport()
            let mail = try swedishSample()
            try await transport.deliver(mail)
            let got = try await readBack(transport)
            try expectCount(got, 1, check)
            try expectSame(mail, got[0], check)
        }

        try await check("several recipients arrive in order") {
            let check = "several recipients arrive in order"
            let transport = try await makeTransport()
            var mail = try sample(2)
            mail.to = [MailAddress(try EmailAddress("erik@example.se"), name: "Erik Öberg"),
                       MailAddress(try EmailAddress("lisa@example.com")),
                       MailAddress(try EmailAddress("kim@example.de"), name: "Kim, K.")]
            try await transport.deliver(mail)
            let got = try await readBack(transport)
            try expectCount(got, 1, check)
            try expectSame(mail, got[0], check)
        }

        try await check("different Message-IDs are different mails") {
            let check = "different Message-IDs are different mails"
            let transport = try await makeTransport()
            let first = try sample(3)
            var second = first
            second.messageID = "<conformance-3b@cpskit.test>"
            try await transport.deliver(first)
            try await transport.deliver(second)
            let got = try await readBack(transport)
            try expectCount(got, 2, check)
            for mail in [first, second] {
                guard let match = got.first(where: { $0.messageID == mail.messageID }) else {
                    throw MailConformanceFailure(check: check, detail: "\(mail.messageID) is missing")
                }
                try expectSame(mail, match, check)
            }
        }

        try await check("redelivery of a Message-ID") {
            let check = "redelivery of a Message-ID"
            let transport = try await makeTransport()
            let mail = try sample(4)
            for _ in 0..<3 { try await transport.deliver(mail) }
            let got = try await readBack(transport)
            if honoursMessageID {
                try expectCount(got, 1, check)
            } else if got.isEmpty {
                throw MailConformanceFailure(check: check, detail: "the mail never arrived")
            }
            for message in got { try expectSame(mail, message, check) }
        }

        try await check("concurrent deliveries all arrive") {
            let check = "concurrent deliveries all arrive"
            let transport = try await makeTransport()
            var mails: [MailMessage] = []
            for n in 10..<18 { mails.append(try sample(n)) }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for mail in mails + mails {
                    group.addTask { try await transport.deliver(mail) }
                }
                try await group.waitForAll()
            }
            let got = try await readBack(transport)
            if honoursMessageID { try expectCount(got, mails.count, check) }
            for mail in mails {
                guard let match = got.first(where: { $0.messageID == mail.messageID }) else {
                    throw MailConformanceFailure(check: check, detail: "\(mail.messageID) is missing")
                }
                try expectSame(mail, match, check)
            }
        }
        return passed
    }

    // MARK: - Samples

    /// A plain ASCII mail numbered `n` (R-ADP-2).
    public static func sample(_ n: Int) throws -> MailMessage {
        MailMessage(
            messageID: "<conformance-\(n)@cpskit.test>",
            from: MailAddress(try EmailAddress("donotreply@canon-europe.com"), name: "Canon"),
            to: [MailAddress(try EmailAddress("anna@example.se"), name: "Anna Svensson")],
            subject: "Your application \(n) was received",
            body: "Hello Anna,\n\nWe received application \(n).\n\nCanon Professional Services\n",
            language: .english, template: "conformance.sample", facts: ["n": "\(n)"],
            date: Date(timeIntervalSince1970: 1_795_766_400 + Double(n)))
    }

    /// A Swedish mail that exercises every encoding path (R-ADP-2).
    public static func swedishSample() throws -> MailMessage {
        MailMessage(
            messageID: "<conformance-sv@cpskit.test>",
            from: MailAddress(try EmailAddress("donotreply@canon-europe.com"), name: "Canon Professional Services – Norden"),
            to: [MailAddress(try EmailAddress("asa.ostrom@example.se"), name: "Åsa \"Åsk\" Öström, Ärlig AB")],
            subject: "Bekräftelse: din ansökan om CPS-medlemskap är mottagen och granskas nu av vårt team i Malmö – återkommer snart 📷",
            body: [
                "Hej Åsa!",
                "",
                "Vi har tagit emot din ansökan. Här är en lång rad som måste brytas eftersom den är längre "
                    + "än sjuttiosex tecken: åäö ÅÄÖ é ü ß — 📷👨‍👩‍👧.",
                "Rad med avslutande mellanslag   ",
                "Likhetstecken = och =3D och =?UTF-8?Q?inte_kodat?=",
                ".",
                "Med vänliga hälsningar",
                "Canon",
            ].joined(separator: "\n"),
            language: .swedish, template: "conformance.swedish", facts: [:],
            date: Date(timeIntervalSince1970: 1_795_766_400))
    }

    // MARK: - Comparison

    private static func expectCount(_ got: [MailMessage], _ count: Int, _ check: String) throws {
        guard got.count == count else {
            throw MailConformanceFailure(check: check, detail: "expected \(count) mail(s), read back \(got.count): \(got.map(\.messageID))")
        }
    }

    private static func expectSame(_ sent: MailMessage, _ got: MailMessage, _ check: String) throws {
        func fail(_ field: String, _ a: Any, _ b: Any) -> MailConformanceFailure {
            MailConformanceFailure(check: check, detail: "\(field) differs: sent \(String(reflecting: a)), read back \(String(reflecting: b))")
        }
        guard sent.messageID == got.messageID else { throw fail("Message-ID", sent.messageID, got.messageID) }
        guard sent.from.email == got.from.email, normalizedName(sent.from.name) == normalizedName(got.from.name) else {
            throw fail("From", sent.from.description, got.from.description)
        }
        let sentTo = sent.to.map { "\($0.email.key)|\(normalizedName($0.name))" }
        let gotTo = got.to.map { "\($0.email.key)|\(normalizedName($0.name))" }
        guard sentTo == gotTo else { throw fail("To", sentTo, gotTo) }
        guard sent.subject == got.subject else { throw fail("Subject", sent.subject, got.subject) }
        guard normalizedBody(sent.body) == normalizedBody(got.body) else { throw fail("body", sent.body, got.body) }
    }

    private static func normalizedName(_ name: String?) -> String { name ?? "" }

    private static func normalizedBody(_ body: String) -> String {
        var text = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
