import Foundation

/// Renders a ``MailMessage`` as RFC 5322 / MIME text that any mail client or SMTP relay accepts
/// (R-ADP-2).
///
/// The result is 7-bit ASCII with CRLF line endings:
///
/// ```text
/// Date: Fri, 27 Nov 2026 08:00:00 +0000
/// From: Canon <donotreply@canon-europe.com>
/// To: =?UTF-8?Q?Anna_=C3=85str=C3=B6m?= <anna@example.se>
/// Subject: =?UTF-8?Q?Din_ans=C3=B6kan_=C3=A4r_mottagen?=
/// Message-ID: <outbox-1@canon-europe.com>
/// MIME-Version: 1.0
/// Content-Type: text/plain; charset=UTF-8
/// Content-Transfer-Encoding: quoted-printable
/// Content-Language: sv
///
/// Hej Anna! Vi har tagit emot din ans=C3=B6kan.
/// ```
///
/// - Header text that is not plain printable ASCII (Swedish letters, control characters, a literal
///   `=?`) becomes RFC 2047 encoded-words (UTF-8, Q encoding with the restricted character set valid
///   in display names). No encoded-word exceeds 75 characters and none splits a character: words are
///   cut between grapheme clusters, or between Unicode scalars for a cluster too long for one word.
/// - Display names are written as atoms when they are plain words, as quoted strings when they hold
///   ASCII specials, and as encoded-words otherwise.
/// - Header lines are folded before 78 characters where the text allows (a single word longer than
///   that stays whole; the renderer switches to encoded-words before a line could reach 998).
/// - The body is quoted-printable: lines of at most 76 characters, soft breaks never inside an
///   escape, trailing spaces encoded, line breaks (LF, CR or CRLF) written as CRLF.
/// - A CR or LF in a header value is encoded, never written: no header injection.
/// - A message with ``MailMessage/attachments`` is `multipart/mixed` (R-BIL-2): the text part as above,
///   then each attachment in base64 lines of 76 characters; the boundary, derived from the Message-ID,
///   starts with `=_`, which neither encoding can produce.
public struct MIMERenderer: Sendable {
    /// The longest header line the renderer aims for (RFC 5322 §2.1.1 "SHOULD").
    static let preferredLineLength = 78
    /// The longest encoded-word (RFC 2047 §2).
    static let maximumEncodedWordLength = 75
    /// The longest body line, soft-break `=` included (RFC 2045 §6.7).
    static let maximumBodyLineLength = 76

    /// A renderer (R-ADP-2).
    public init() {}

    /// The message as RFC 5322 / MIME text with CRLF line endings (R-ADP-2).
    public func render(_ message: MailMessage) -> String {
        var lines: [String] = []
        lines.append("Date: " + Self.rfc5322Date(message.date))
        lines.append(Self.addressHeader("From", [message.from]))
        lines.append(Self.addressHeader("To", message.to))
        lines.append(Self.unstructuredHeader("Subject", message.subject))
        lines.append("Message-ID: " + Self.sanitizedMessageID(message.messageID))
        lines.append("MIME-Version: 1.0")
        let language = message.language.code.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        let textPart = ["Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: quoted-printable"]
            + (language.isEmpty ? [] : ["Content-Language: " + language])
        guard !message.attachments.isEmpty else {
            lines += textPart
            lines.append("")
            lines += Self.quotedPrintable(message.body)
            return lines.joined(separator: "\r\n") + "\r\n"
        }
        // R-BIL-2: multipart/mixed, the text first, then each attachment in base64. The boundary starts
        // with "=_", which neither quoted-printable nor base64 text can contain.
        let boundary = Self.boundary(message.messageID)
        lines.append("Content-Type: multipart/mixed; boundary=\"\(boundary)\"")
        lines.append("")
        lines.append("--" + boundary)
        lines += textPart
        lines.append("")
        lines += Self.quotedPrintable(message.body)
        for attachment in message.attachments {
            let name = Self.sanitizedFileName(attachment.fileName)
            lines.append("--" + boundary)
            lines.append("Content-Type: \(Self.sanitizedMediaType(attachment.mediaType)); name=\"\(name)\"")
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("Content-Disposition: attachment; filename=\"\(name)\"")
            lines.append("")
            lines += Self.base64Lines(attachment.bytes)
        }
        lines.append("--" + boundary + "--")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: - Attachments

    /// The multipart boundary of the message with `messageID`: the same on every delivery attempt.
    static func boundary(_ messageID: String) -> String {
        "=_cps_" + String(messageID.unicodeScalars.filter { $0.isASCII && (CharacterSet.alphanumerics.contains($0)) }.prefix(50))
    }

    /// `bytes` in base64 (RFC 2045 §6.8), lines of 76 characters.
    static func base64Lines(_ bytes: [UInt8]) -> [String] {
        let text = Data(bytes).base64EncodedString()
        guard !text.isEmpty else { return [""] }
        var lines: [String] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: maximumBodyLineLength, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(String(text[index..<end]))
            index = end
        }
        return lines
    }

    /// A file name as a quoted-string parameter: visible ASCII without quotes or backslashes; any
    /// other character becomes `_`.
    static func sanitizedFileName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { (0x20...0x7E).contains($0.value) && $0 != "\"" && $0 != "\\" ? Character($0) : "_" })
        return cleaned.isEmpty ? "attachment" : cleaned
    }

    /// A media type `type/subtype` of token characters, else `application/octet-stream`.
    static func sanitizedMediaType(_ type: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$&^_.+-/".unicodeScalars)
        let parts = type.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty }), type.unicodeScalars.allSatisfy(allowed.contains) else {
            return "application/octet-stream"
        }
        return type
    }

    /// The rendered message as bytes (ASCII), ready for a file or an SMTP `DATA` command (R-ADP-2).
    public func data(_ message: MailMessage) -> Data { Data(render(message).utf8) }

    // MARK: - Date

    /// `date` in RFC 5322 §3.3 form, in UTC: `Fri, 27 Nov 2026 08:00:00 +0000` (R-ADP-2). Dates
    /// outside the years 1900–9999 are clamped to that range.
    public static func rfc5322Date(_ date: Date) -> String {
        let lowest: Int64 = -2_208_988_800, highest: Int64 = 253_402_300_799 // 1900-01-01 … 9999-12-31
        let raw = date.timeIntervalSince1970
        let seconds = raw.isFinite ? min(max(Int64(max(min(raw.rounded(.down), 1e15), -1e15)), lowest), highest) : 0
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let day = CalendarDay(daysSinceEpoch: Int(days))
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[day.isoWeekday % 7]), \(two(Int64(day.day))) \(months[day.month - 1]) \(day.year) "
            + "\(two(secondOfDay / 3_600)):\(two(secondOfDay % 3_600 / 60)):\(two(secondOfDay % 60)) +0000"
    }

    // MARK: - Headers

    /// `Name: mailbox, mailbox` folded between words.
    static func addressHeader(_ name: String, _ addresses: [MailAddress]) -> String {
        var tokens: [String] = []
        let prefix = name.count + 2
        for (index, address) in addresses.enumerated() {
            var group = displayNameTokens(address.name, firstLineRoom: tokens.isEmpty ? preferredLineLength - prefix : preferredLineLength - 1)
            let angle = "<" + sanitizedAddress(address.email.address) + ">"
            group.append(group.isEmpty ? sanitizedAddress(address.email.address) : angle)
            if index < addresses.count - 1 { group[group.count - 1] += "," }
            tokens += group
        }
        return fold(name, tokens)
    }

    /// `Name: text` as atoms folded at spaces, or as encoded-words.
    static func unstructuredHeader(_ name: String, _ text: String) -> String {
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let plain = text.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
            && !text.contains("=?") && !text.hasPrefix(" ") && !text.hasSuffix(" ")
            && words.allSatisfy { $0.count <= 900 }
        if plain { return fold(name, words) }
        return fold(name, encodedWords(text, firstLineRoom: preferredLineLength - name.count - 2))
    }

    /// The tokens of a display name: none, atoms, one quoted string, or encoded-words.
    static func displayNameTokens(_ name: String?, firstLineRoom: Int) -> [String] {
        guard let name, !name.isEmpty else { return [] }
        let ascii = name.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) }
        if ascii && name.count <= 64 && !name.contains("=?") {
            let atoms = name.split(separator: " ", omittingEmptySubsequences: false)
            let atext = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~".unicodeScalars)
            if atoms.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(atext.contains) }) {
                return atoms.map(String.init)
            }
            var quoted = "\""
            for character in name {
                if character == "\"" || character == "\\" { quoted.append("\\") }
                quoted.append(character)
            }
            return [quoted + "\""]
        }
        return encodedWords(name, firstLineRoom: firstLineRoom)
    }

    /// Joins `tokens` with single spaces after `Name:`, folding (CRLF + space) before a token that
    /// would pass 78 characters. Unfolding (removing each CRLF) gives back the tokens joined by spaces.
    static func fold(_ name: String, _ tokens: [String]) -> String {
        var lines: [String] = []
        var line = name + ":"
        for (index, token) in tokens.enumerated() {
            if index > 0, !token.isEmpty, line.count + 1 + token.count > preferredLineLength,
               !line.allSatisfy({ $0 == " " }) {
                lines.append(line)
                line = ""
            }
            line += " " + token
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// RFC 2047 encoded-words (`=?UTF-8?Q?…?=`) for `text`: the first at most `firstLineRoom`
    /// characters long (and never below what one character needs), every one at most 75, none
    /// splitting a character.
    static func encodedWords(_ text: String, firstLineRoom: Int) -> [String] {
        let overhead = "=?UTF-8?Q??=".count
        let fullPayload = maximumEncodedWordLength - overhead
        var payloadLimit = max(min(firstLineRoom, maximumEncodedWordLength) - overhead, 12)
        var words: [String] = []
        var current = ""
        func add(_ piece: String) {
            if !current.isEmpty, current.count + piece.count > payloadLimit {
                words.append("=?UTF-8?Q?" + current + "?=")
                current = ""
                payloadLimit = fullPayload
            }
            current += piece
        }
        for character in text {
            let piece = qEncoded(character.unicodeScalars)
            if piece.count <= fullPayload {
                add(piece)
            } else {
                for scalar in character.unicodeScalars { add(qEncoded(CollectionOfOne(scalar))) }
            }
        }
        if !current.isEmpty || words.isEmpty { words.append("=?UTF-8?Q?" + current + "?=") }
        return words
    }

    /// The Q encoding (RFC 2047 §4.2, restricted to the characters §5(3) allows in a phrase).
    static func qEncoded(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var out = ""
        for scalar in scalars {
            for byte in String(scalar).utf8 {
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                     UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "!"), UInt8(ascii: "*"),
                     UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"):
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                case UInt8(ascii: " "):
                    out.append("_")
                default:
                    out += hexEscape(byte)
                }
            }
        }
        return out
    }

    /// The Message-ID with anything but visible ASCII removed, in angle brackets.
    static func sanitizedMessageID(_ id: String) -> String {
        let visible = String(id.unicodeScalars.filter { (0x21...0x7E).contains($0.value) })
        return visible.hasPrefix("<") && visible.hasSuffix(">") && visible.count > 2 ? visible : "<\(visible)>"
    }

    /// An address with anything but visible ASCII removed (``EmailAddress`` already guarantees that).
    static func sanitizedAddress(_ address: String) -> String {
        String(address.unicodeScalars.filter { (0x21...0x7E).contains($0.value) && $0 != "<" && $0 != ">" })
    }

    // MARK: - Body

    /// The quoted-printable lines of `body` (RFC 2045 §6.7), each at most 76 characters.
    static func quotedPrintable(_ body: String) -> [String] {
        let logical = body.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        var out: [String] = []
        for line in logical.split(separator: "\n", omittingEmptySubsequences: false) {
            let bytes = Array(line.utf8)
            var current = ""
            for (index, byte) in bytes.enumerated() {
                let piece: String
                switch byte {
                case 0x20, 0x09:
                    piece = index == bytes.count - 1 ? hexEscape(byte) : String(Unicode.Scalar(byte))
                case 0x21...0x7E where byte != UInt8(ascii: "="):
                    piece = String(Unicode.Scalar(byte))
                default:
                    piece = hexEscape(byte)
                }
                // Room for the piece plus a soft break "=" must remain within 76.
                if current.count + piece.count > maximumBodyLineLength - 1 {
                    out.append(current + "=")
                    current = ""
                }
                current += piece
            }
            out.append(current)
        }
        return out
    }

    private static func hexEscape(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "=" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
