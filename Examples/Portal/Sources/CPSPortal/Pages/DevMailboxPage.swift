import CPSKit
import Foundation

/// The development mailbox (`--dev-mailbox`, loopback only): every delivered mail of the maildir,
/// newest first, with its links, so a person can click the password link of the journey.
enum DevMailboxPage {
    struct Mail {
        let file: String
        let subject: String
        let to: String
        let links: [String]
    }

    static func render(_ page: PageContext, mails: [Mail]) -> HTML {
        let items = mails.map { mail -> HTML in
            """
            <li><h2>\(mail.subject)</h2><p>\(mail.to)</p>
            <ul>\(mail.links.map { link -> HTML in "<li><a href=\"\(link)\">\(link)</a></li>" })</ul></li>
            """
        }
        return Layout.page("Mailbox (development)", page, "<ol class=\"mailbox\">\(items)</ol>")
    }

    /// The mails in `directory`'s `new/` and `cur/`, newest first.
    static func read(_ directory: URL) -> [Mail] {
        var mails: [(Date, Mail)] = []
        for folder in ["new", "cur"] {
            let path = directory.appendingPathComponent(folder, isDirectory: true)
            let files = (try? FileManager.default.contentsOfDirectory(at: path, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
            for file in files {
                guard let data = try? Data(contentsOf: file) else { continue }
                let text = unfoldQuotedPrintable(String(decoding: data, as: UTF8.self))
                var links: [String] = []
                var rest = text[...]
                while let range = rest.range(of: "http") {
                    let link = rest[range.lowerBound...].prefix { !$0.isWhitespace && $0 != "<" && $0 != ">" && $0 != "\"" }
                    if link.hasPrefix("http://") || link.hasPrefix("https://") { links.append(String(link)) }
                    rest = rest[range.upperBound...]
                }
                let date = (try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
                mails.append((date, Mail(file: file.lastPathComponent, subject: header("Subject", in: text),
                                              to: header("To", in: text), links: links)))
            }
        }
        return mails.sorted { $0.0 > $1.0 }.map(\.1)
    }

    /// The value of the header `name` in the message `text`, or "".
    static func header(_ name: String, in text: String) -> String {
        let prefix = name.lowercased() + ":"
        for line in text.components(separatedBy: "\r\n") {
            if line.isEmpty { break }
            if line.lowercased().hasPrefix(prefix) { return String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
        }
        return ""
    }

    /// Quoted-printable soft line breaks removed and `=XX` decoded (for reading links).
    static func unfoldQuotedPrintable(_ text: String) -> String {
        let unfolded = text.replacingOccurrences(of: "=\r\n", with: "")
        var bytes: [UInt8] = []
        let source = Array(unfolded.utf8)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "="), index + 2 < source.count,
               let value = UInt8(String(decoding: source[index + 1...index + 2], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
