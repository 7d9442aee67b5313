import CPSKit
import Foundation

/// A small, independent RFC 5322 / MIME reader for the tests (R-ADP-2): it checks the wire format
/// strictly (ASCII only, CRLF only, line lengths) and decodes encoded-words, quoted strings and
/// quoted-printable, so a render → decode round trip proves the renderer right.
struct DecodedMail {
    /// Header fields in order, unfolded, values raw (still encoded).
    var headers: [(name: String, value: String)]
    /// Every physical line of the message, without CRLF.
    var lines: [String]
    /// The decoded body, line breaks as LF.
    var body: String

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var subject: String { (try? MIMETestDecoder.decodeWords(header("Subject") ?? "")) ?? "" }

    /// The message as a ``MailMessage`` (template and facts are not on the wire).
    func message() throws -> MailMessage {
        let from = try MIMETestDecoder.addresses(header("From") ?? "")
        guard let sender = from.first else { throw MIMETestDecoder.Failure("no From") }
        let date = MIMETestDecoder.date(header("Date") ?? "") ?? Date(timeIntervalSince1970: 0)
        return MailMessage(messageID: header("Message-ID") ?? "", from: sender,
                           to: try MIMETestDecoder.addresses(header("To") ?? ""),
                           subject: try MIMETestDecoder.decodeWords(header("Subject") ?? ""), body: body,
                           language: Language(header("Content-Language") ?? "en"), template: "", date: date)
    }
}

enum MIMETestDecoder {
    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }

    /// Parses `text`, failing on anything a strict reader would refuse.
    static func decode(_ text: String) throws -> DecodedMail {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { throw Failure("non-ASCII byte on the wire") }
        var lines: [String] = []
        var current: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D {
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { throw Failure("bare CR") }
                lines.append(String(decoding: current, as: UTF8.self))
                current = []
                index += 2
                continue
            }
            guard byte != 0x0A else { throw Failure("bare LF") }
            current.append(byte)
            index += 1
        }
        guard current.isEmpty else { throw Failure("message does not end with CRLF") }
        guard let blank = lines.firstIndex(of: "") else { throw Failure("no blank line after the headers") }
        for line in lines where line.count > 998 { throw Failure("line longer than 998: \(line.prefix(40))…") }

        var headers: [(name: String, value: String)] = []
        for line in lines[..<blank] {
            if line.first == " " || line.first == "\t" {
                guard !headers.isEmpty else { throw Failure("continuation line first") }
                guard !line.allSatisfy({ $0 == " " || $0 == "\t" }) else { throw Failure("whitespace-only header line") }
                headers[headers.count - 1].value += line
            } else {
                guard let colon = line.firstIndex(of: ":") else { throw Failure("header without colon: \(line)") }
                var value = String(line[line.index(after: colon)...])
                if value.hasPrefix(" ") { value.removeFirst() }
                headers.append((String(line[..<colon]), value))
            }
        }
        let encoding = headers.first { $0.name.lowercased() == "content-transfer-encoding" }?.value.lowercased()
        let bodyLines = Array(lines[(blank + 1)...])
        let body: String
        switch encoding {
        case "quoted-printable"?: body = try quotedPrintable(bodyLines)
        case "base64"?:
            guard let data = Data(base64Encoded: bodyLines.joined()) else { throw Failure("bad base64") }
            body = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        default: body = bodyLines.joined(separator: "\n")
        }
        return DecodedMail(headers: headers, lines: lines, body: body)
    }

    /// Quoted-printable lines to text (hard breaks become LF).
    static func quotedPrintable(_ lines: [String]) throws -> String {
        var bytes: [UInt8] = []
        for (number, line) in lines.enumerated() {
            guard line.count <= 76 else { throw Failure("quoted-printable line longer than 76: \(line)") }
            var chars = Array(line.utf8)
            let soft = chars.last == UInt8(ascii: "=")
            if soft { chars.removeLast() }
            if let last = chars.last, !soft, last == 0x20 || last == 0x09 {
                throw Failure("unencoded trailing whitespace in line \(number)")
            }
            var i = 0
            while i < chars.count {
                if chars[i] == UInt8(ascii: "=") {
                    guard i + 2 < chars.count, let value = UInt8(String(decoding: chars[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
                    else { throw Failure("bad escape in \(line)") }
                    bytes.append(value)
                    i += 3
                } else {
                    bytes.append(chars[i])
                    i += 1
                }
            }
            if !soft && number < lines.count - 1 { bytes.append(0x0A) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes the encoded-words in an unstructured value or phrase (RFC 2047), dropping whitespace
    /// between adjacent encoded-words.
    static func decodeWords(_ value: String) throws -> String {
        var out = ""
        var pendingBytes: [UInt8] = []
        var pendingSpace = ""
        var lastWasEncoded = false
        var rest = Substring(value)
        func flush() {
            if !pendingBytes.isEmpty {
                out += String(decoding: pendingBytes, as: UTF8.self)
                pendingBytes = []
            }
        }
        while !rest.isEmpty {
            if rest.first == " " || rest.first == "\t" {
                pendingSpace.append(rest.removeFirst())
                continue
            }
            let token = rest.prefix { $0 != " " && $0 != "\t" }
            rest = rest.dropFirst(token.count)
            if let bytes = try encodedWord(token) {
                if !lastWasEncoded { out += pendingSpace }
                pendingSpace = ""
                pendingBytes += bytes
                lastWasEncoded = true
            } else {
                flush()
                out += pendingSpace + token
                pendingSpace = ""
                lastWasEncoded = false
            }
        }
        flush()
        return out + pendingSpace
    }

    /// The bytes of one encoded-word, or nil if `token` is not one. Each word must be at most 75
    /// characters and hold whole UTF-8 characters.
    static func encodedWord(_ token: Substring) throws -> [UInt8]? {
        guard token.hasPrefix("=?"), token.hasSuffix("?="), token.count >= 8 else { return nil }
        let parts = token.dropFirst(2).dropLast(2).split(separator: "?", omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        guard token.count <= 75 else { throw Failure("encoded-word longer than 75: \(token)") }
        guard parts[0].uppercased() == "UTF-8" else { throw Failure("charset \(parts[0])") }
        var bytes: [UInt8] = []
        switch parts[1].uppercased() {
        case "B":
            guard let data = Data(base64Encoded: String(parts[2])) else { throw Failure("bad B word") }
            bytes = Array(data)
        case "Q":
            let chars = Array(parts[2].utf8)
            var i = 0
            while i < chars.count {
                switch chars[i] {
                case UInt8(ascii: "_"): bytes.append(0x20); i += 1
                case UInt8(ascii: "="):
                    guard i + 2 < chars.count, let value = UInt8(String(decoding: chars[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
                    else { throw Failure("bad Q escape in \(token)") }
                    bytes.append(value); i += 3
                default: bytes.append(chars[i]); i += 1
                }
            }
        default: throw Failure("encoding \(parts[1])")
        }
        guard String(validating: bytes, as: UTF8.self) != nil else { throw Failure("encoded-word splits a character: \(token)") }
        return bytes
    }

    /// An address list: `Name <a@b>, "Quoted, Name" <c@d>, e@f`.
    static func addresses(_ value: String) throws -> [MailAddress] {
        var items: [String] = []
        var current = ""
        var inQuotes = false, inAngle = false, escaped = false
        for character in value {
            if escaped { current.append(character); escaped = false; continue }
            switch character {
            case "\\" where inQuotes: escaped = true; current.append(character)
            case "\"": inQuotes.toggle(); current.append(character)
            case "<" where !inQuotes: inAngle = true; current.append(character)
            case ">" where !inQuotes: inAngle = false; current.append(character)
            case "," where !inQuotes && !inAngle: items.append(current); current = ""
            default: current.append(character)
            }
        }
        items.append(current)
        return try items.map { item throws -> MailAddress in
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            guard let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") else {
                return MailAddress(try EmailAddress(trimmed))
            }
            let email = try EmailAddress(String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]))
            let phrase = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if phrase.isEmpty { return MailAddress(email) }
            if phrase.hasPrefix("\"") && phrase.hasSuffix("\"") && phrase.count >= 2 {
                var name = "", escape = false
                for character in phrase.dropFirst().dropLast() {
                    if escape { name.append(character); escape = false } else if character == "\\" { escape = true } else { name.append(character) }
                }
                return MailAddress(email, name: name)
            }
            return MailAddress(email, name: try decodeWords(phrase))
        }
    }

    /// An RFC 5322 date.
    static func date(_ value: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.date(from: value)
    }
}
