/// Parsing and validation of VAT numbers (R-VAT-1), on UTF-8 bytes without regular expressions or
/// Foundation, so that a million numbers take well under a second.
///
/// The steps follow the reference (python-stdnum 2.2, `stdnum.eu.vat` plus `stdnum.gb.vat`,
/// `stdnum.no.mva` and `stdnum.ch.vat`):
/// 1. fold look-alike characters to ASCII and upper-case (``VATCharacterFolding``);
/// 2. trim whitespace at both ends; the first two characters pick the country (``VATCountry``);
/// 3. drop the country's separators, trim trailing whitespace again and drop the prefix;
/// 4. check the rest with the country's rule (``VATCountryRules``) and build the compact form.
///
/// Step 3 always drops space, dot, dash and slash, also in countries where the reference keeps one of
/// them (R-VAT-1's one allowed difference; the list is in `Documentation/VATNumbers.md`).
enum VATNumberParser {
    /// The verdict on one input.
    enum Verdict: Equatable, Sendable {
        case valid(String)
        case invalid(VATNumberError.Reason)
    }

    /// The compact form of `input` (R-VAT-1), or the reason it is refused.
    static func compact(_ input: String) throws(VATNumberError) -> String {
        switch verdict(input) {
        case .valid(let compact): return compact
        case .invalid(let reason): throw VATNumberError(VATNumberSlips.diagnose(input) ?? reason, input: input)
        }
    }

    /// The verdict on `input` without building an error.
    static func verdict(_ input: String) -> Verdict {
        var input = input
        return input.withUTF8 { verdict(utf8: $0) }
    }

    /// The verdict on UTF-8 bytes. Bytes that are not valid UTF-8 are refused, never trusted.
    static func verdict(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Verdict {
        // Folding never makes the text longer than its UTF-8 bytes; the working area also leaves room
        // for the few leading zeros some countries add (BE, GR, NL) before the number.
        let room = 16
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count + room) { buffer in
            guard let base = buffer.baseAddress else { return .invalid(.empty) }
            let count = fold(bytes, into: base + room)
            var text = VATBytes(base: base, start: room, end: room + count)
            text.trim()
            return evaluate(&text)
        }
    }

    // MARK: - Folding

    /// Writes the folded, upper-cased bytes of `bytes` to `output` and returns how many it wrote.
    static func fold(_ bytes: UnsafeBufferPointer<UInt8>, into output: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                output[written] = asciiFold(byte)
                written += 1
                index += 1
                continue
            }
            // A multi-byte sequence: decode one scalar, refusing malformed ones byte by byte.
            let length: Int
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; scalar = UInt32(byte & 0x1F)
            case 0xE0...0xEF: length = 3; scalar = UInt32(byte & 0x0F)
            case 0xF0...0xF4: length = 4; scalar = UInt32(byte & 0x07)
            default: length = 1; scalar = 0
            }
            var valid = length > 1 && index + length <= count
            if valid {
                for offset in 1..<length {
                    let next = bytes[index + offset]
                    if next & 0xC0 != 0x80 { valid = false; break }
                    scalar = scalar << 6 | UInt32(next & 0x3F)
                }
            }
            if valid {
                written += VATCharacterFolding.fold(scalar, into: output + written)
                index += length
            } else {
                output[written] = VATCharacterFolding.foreign
                written += 1
                index += 1
            }
        }
        return written
    }

    /// Upper-cases an ASCII letter; the grave accent is the reference's look-alike of the apostrophe.
    @inline(__always)
    static func asciiFold(_ byte: UInt8) -> UInt8 {
        if byte >= 0x61 && byte <= 0x7A { return byte - 0x20 }
        if byte == 0x60 { return 0x27 }
        return byte
    }

    // MARK: - Country rules

    static func evaluate(_ text: inout VATBytes) -> Verdict {
        if text.isEmpty || text.allSatisfy(isUniversalSeparator) { return .invalid(.empty) }
        guard text.count >= 2, let country = VATCountry(text[0], text[1]) else { return .invalid(.unknownCountry) }
        // Separators go everywhere after the prefix (the prefix is two letters, so it has none).
        text.removeAll(from: 2) { byte in
            isUniversalSeparator(byte) || (byte == 0x2C && country.dropsComma) || (byte == 0x3A && country.dropsColon)
        }
        text.trimEnd()
        let prefix = (text[0], text[1])
        if country == .switzerland {
            // The Swiss rule reads the whole `CHE…` text; there is no prefix to drop.
            return VATCountryRules.switzerland(&text)
        }
        text.dropFirst(2)
        let result = VATCountryRules.check(country, &text)
        if let reason = result { return .invalid(reason) }
        return .valid(text.string(prefixedBy: prefix))
    }

    /// Space, dot, dash and slash: dropped in every country (R-VAT-1).
    @inline(__always)
    static func isUniversalSeparator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x2E || byte == 0x2D || byte == 0x2F
    }

    /// The whitespace the reference trims at the ends of a number (Python's `str.isspace` on ASCII,
    /// plus ``VATCharacterFolding/whitespace`` for the non-ASCII ones).
    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        (byte >= 0x09 && byte <= 0x0D) || (byte >= 0x1C && byte <= 0x20)
    }
}
