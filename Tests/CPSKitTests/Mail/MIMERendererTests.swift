@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("MIME rendering (R-ADP-2)")
struct MIMERendererTests {
    private let renderer = MIMERenderer()

    @Test("A Swedish mail renders as 7-bit RFC 5322 text and decodes back intact (R-ADP-2)")
    func swedishRoundTrip() throws {
        let mail = try MailTransportConformance.swedishSample()
        let text = renderer.render(mail)
        let decoded = try MIMETestDecoder.decode(text)
        let back = try decoded.message()
        #expect(back.messageID == mail.messageID)
        #expect(back.from == mail.from)
        #expect(back.to == mail.to)
        #expect(back.subject == mail.subject)
        #expect(back.body == mail.body)
        #expect(back.language == .swedish)
        #expect(back.date == mail.date)
        #expect(decoded.headers.map(\.name) == ["Date", "From", "To", "Subject", "Message-ID", "MIME-Version",
                                                "Content-Type", "Content-Transfer-Encoding", "Content-Language"])
        #expect(decoded.header("MIME-Version") == "1.0")
        #expect(decoded.header("Content-Type") == "text/plain; charset=UTF-8")
        #expect(decoded.header("Content-Transfer-Encoding") == "quoted-printable")
        #expect(decoded.header("Content-Language") == "sv")
    }

    @Test("Header lines stay within 78 characters and body lines within 76 (R-ADP-2)")
    func lineLengths() throws {
        let mail = try MailTransportConformance.swedishSample()
        let decoded = try MIMETestDecoder.decode(renderer.render(mail))
        let blank = try #require(decoded.lines.firstIndex(of: ""))
        for line in decoded.lines[..<blank] { #expect(line.count <= 78, "\(line)") }
        for line in decoded.lines[(blank + 1)...] { #expect(line.count <= 76, "\(line)") }
    }

    @Test("Long non-ASCII subjects split into encoded-words of at most 75 characters without splitting a character (R-ADP-2)",
          arguments: [
              "Bekräftelse: din ansökan är mottagen",
              String(repeating: "åäö ÅÄÖ ", count: 40),
              String(repeating: "ö", count: 200),
              "Ny faktura 📷👨‍👩‍👧‍👦🇸🇪 " + String(repeating: "👨‍👩‍👧‍👦", count: 12),
              "e\u{301}" + String(repeating: "a\u{308}\u{301}\u{323}", count: 30),
              "Leading and trailing spaces  ",
              " Leading space",
              "Mixed ASCII words that are long enough to need folding but with one ä in the middle of everything",
          ])
    func longSubjects(subject: String) throws {
        var mail = try MailTransportConformance.sample(1)
        mail.subject = subject
        let decoded = try MIMETestDecoder.decode(renderer.render(mail))
        #expect(decoded.subject == subject)
        let subjectLines = decoded.lines.drop { !$0.hasPrefix("Subject:") }.prefix { !$0.hasPrefix("Message-ID:") }
        for line in subjectLines {
            #expect(line.count <= 78, "\(line)")
            for word in line.split(separator: " ") where word.hasPrefix("=?") {
                #expect(word.count <= 75)
                // Each word alone is valid UTF-8 (the decoder throws otherwise).
                _ = try MIMETestDecoder.encodedWord(word)
            }
        }
    }

    @Test("Plain ASCII subjects stay readable and fold at spaces (R-ADP-2)")
    func asciiSubject() throws {
        var mail = try MailTransportConformance.sample(1)
        mail.subject = "Your application for Canon Professional Services membership has been received and is being reviewed"
        let decoded = try MIMETestDecoder.decode(renderer.render(mail))
        #expect(decoded.subject == mail.subject)
        #expect(decoded.header("Subject") == mail.subject)
        let subjectLines = decoded.lines.drop { !$0.hasPrefix("Subject:") }.prefix { !$0.hasPrefix("Message-ID:") }
        #expect(subjectLines.count == 2)
        #expect(!renderer.render(mail).contains("=?"))
    }

    @Test("A CR or LF in a header value is encoded, never a new header (R-ADP-2)")
    func noHeaderInjection() throws {
        var mail = try MailTransportConformance.sample(1)
        mail.subject = "Hello\r\nBcc: victim@example.com"
        mail.from.name = "Evil\nX-Injected: yes"
        let decoded = try MIMETestDecoder.decode(renderer.render(mail))
        #expect(decoded.header("Bcc") == nil)
        #expect(decoded.header("X-Injected") == nil)
        #expect(decoded.subject == mail.subject)
        #expect(try decoded.message().from.name == mail.from.name)
    }

    @Test("Display names: atoms stay plain, specials are quoted, non-ASCII is encoded (R-ADP-2)",
          arguments: [
              ("Anna Svensson", "Anna Svensson <anna@example.se>"),
              ("Svensson, Anna", "\"Svensson, Anna\" <anna@example.se>"),
              ("Anna \"Annie\" S.", "\"Anna \\\"Annie\\\" S.\" <anna@example.se>"),
              ("Åsa Öström", "=?UTF-8?Q?=C3=85sa_=C3=96str=C3=B6m?= <anna@example.se>"),
              ("", "anna@example.se"),
          ])
    func displayNames(name: String, rendered: String) throws {
        var mail = try MailTransportConformance.sample(1)
        mail.to = [MailAddress(try EmailAddress("anna@example.se"), name: name)]
        let decoded = try MIMETestDecoder.decode(renderer.render(mail))
        #expect(decoded.header("To") == rendered)
        #expect(try decoded.message().to.first?.name ?? "" == name)
    }

    @Test("Many recipients fold between addresses (R-ADP-2)")
    func manyRecipients() throws {
        var mail = try MailTransportConformance.sample(1)
        mail.to = try (1...12).map { MailAddress(try EmailAddress("user\($0)@example.se"), name: "Användare nummer \($0)") }
        let decoded = try MIMETestDecoder.decode(renderer.render(mail))
        #expect(try decoded.message().to == mail.to)
        for line in decoded.lines { #expect(line.count <= 78) }
    }

    @Test("Bodies round-trip through quoted-printable (R-ADP-2)",
          arguments: [
              "",
              "Hej",
              "Hej\n",
              "\n\n",
              "trailing space \nand tab\t\nend",
              String(repeating: "=", count: 200),
              String(repeating: "å", count: 100),
              String(repeating: "a", count: 75) + "å" + String(repeating: "b", count: 80),
              "From the start\n.\n..\nFrom here",
              "CRLF\r\nlines\rand CR",
          ])
    func bodies(body: String) throws {
        var mail = try MailTransportConformance.sample(1)
        mail.body = body
        let decoded = try MIMETestDecoder.decode(renderer.render(mail))
        let expected = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        #expect(decoded.body == expected)
    }

    @Test("Dates use the RFC 5322 format in UTC (R-ADP-2)",
          arguments: [
              (0.0, "Thu, 01 Jan 1970 00:00:00 +0000"),
              (-1.0, "Wed, 31 Dec 1969 23:59:59 +0000"),
              (1_709_208_000.0, "Thu, 29 Feb 2024 12:00:00 +0000"),
              (1_795_766_400.0, "Fri, 27 Nov 2026 08:00:00 +0000"),
              (951_782_400.0, "Tue, 29 Feb 2000 00:00:00 +0000"),
              (.infinity, "Thu, 01 Jan 1970 00:00:00 +0000"),
              (-1e13, "Mon, 01 Jan 1900 00:00:00 +0000"),
          ])
    func dates(seconds: Double, expected: String) {
        #expect(MIMERenderer.rfc5322Date(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test("Dates agree with Foundation's formatter across two centuries (R-ADP-2)")
    func datesAgreeWithFormatter() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        var rng = SeededRandomNumberGenerator(seed: 7)
        for _ in 0..<500 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -2_000_000_000...4_000_000_000, using: &rng)))
            #expect(MIMERenderer.rfc5322Date(date) == formatter.string(from: date))
        }
    }
}
