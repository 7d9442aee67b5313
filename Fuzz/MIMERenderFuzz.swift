// libFuzzer target: MIME rendering of hostile names, subjects and bodies (R-ADP-2). The input is
// split at NUL bytes into display name, subject, body, Message-ID and language. The rendered mail is
// 7-bit ASCII with CRLF line endings only, header lines of at most 998 characters, every header line
// a known header or a folded continuation, one To: header — a CR or LF in a name never injects one.
import Foundation

func mimeRenderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let texts = fuzzFields(fuzzBytes(data, size), limit: 5).map { fuzzTexts($0)[0] }
    func field(_ index: Int, _ fallback: String) -> String { index < texts.count ? texts[index] : fallback }
    guard let anna = try? EmailAddress("anna@ljusbild.example"), let sender = try? EmailAddress("donotreply@canon-europe.com")
    else { return 0 }
    let message = MailMessage(
        messageID: field(3, "outbox-1@canon-europe.com"), from: MailAddress(sender, name: field(0, "Canon")),
        to: [MailAddress(anna, name: field(0, "Anna")), MailAddress(anna, name: nil)], subject: field(1, "Hej"),
        body: field(2, "Hej Anna!"), language: Language(field(4, "sv")), template: "fuzz",
        date: Date(timeIntervalSince1970: Double(size) * 86_400 * 365))
    let rendered = MIMERenderer().render(message)
    let bytes = Array(rendered.utf8)
    fuzzCheck(bytes.allSatisfy { $0 < 0x80 }, "the mail is not 7-bit ASCII")
    for (index, byte) in bytes.enumerated() {
        if byte == 0x0D { fuzzCheck(index + 1 < bytes.count && bytes[index + 1] == 0x0A, "a bare CR in the mail") }
        if byte == 0x0A { fuzzCheck(index > 0 && bytes[index - 1] == 0x0D, "a bare LF in the mail") }
    }
    let headers = rendered.components(separatedBy: "\r\n\r\n").first ?? ""
    let known = ["Date", "From", "To", "Subject", "Message-ID", "MIME-Version", "Content-Type",
                 "Content-Transfer-Encoding", "Content-Language"]
    var toHeaders = 0
    for line in headers.components(separatedBy: "\r\n") {
        fuzzCheck(line.utf8.count <= 998, "a header line of \(line.utf8.count) characters")
        if line.hasPrefix(" ") || line.hasPrefix("\t") { continue }
        let name = line.prefix { $0 != ":" }
        fuzzCheck(known.contains(String(name)) && line.dropFirst(name.count).hasPrefix(":"), "an unexpected header line: \(line)")
        if name == "To" { toHeaders += 1 }
    }
    fuzzCheck(toHeaders == 1, "\(toHeaders) To: headers")
    return 0
}
