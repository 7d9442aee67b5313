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
        case .invalid(let reason): throw VATNumberError(reason, input: input)
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
            var text = Text(base: base, start: room, end: room + count)
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

    static func evaluate(_ text: inout Text) -> Verdict {
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

/// A window onto the working bytes of one parse: `base[start..<end]`. The bytes before `start` are
/// free room for leading zeros.
struct Text {
    let base: UnsafeMutablePointer<UInt8>
    var start: Int
    var end: Int

    var count: Int { end - start }
    var isEmpty: Bool { end <= start }

    @inline(__always)
    subscript(_ offset: Int) -> UInt8 { base[start + offset] }

    /// The byte at `offset`, or `nil` past either end (Python's slicing never fails).
    @inline(__always)
    func at(_ offset: Int) -> UInt8? { offset >= 0 && offset < count ? base[start + offset] : nil }

    func allSatisfy(_ predicate: (UInt8) -> Bool) -> Bool {
        var index = start
        while index < end {
            if !predicate(base[index]) { return false }
            index += 1
        }
        return true
    }

    mutating func trim() {
        while start < end, VATNumberParser.isWhitespace(base[start]) { start += 1 }
        trimEnd()
    }

    mutating func trimEnd() {
        while end > start, VATNumberParser.isWhitespace(base[end - 1]) { end -= 1 }
    }

    /// Removes the bytes from `offset` on that match `predicate`, keeping the order of the rest.
    mutating func removeAll(from offset: Int, where predicate: (UInt8) -> Bool) {
        var write = start + offset
        var read = write
        while read < end {
            let byte = base[read]
            if !predicate(byte) {
                base[write] = byte
                write += 1
            }
            read += 1
        }
        end = write
    }

    mutating func dropFirst(_ count: Int) { start = min(start + count, end) }

    /// Puts `byte` in front; callers use it at most a few times, within the room the parse reserved.
    mutating func prepend(_ byte: UInt8) {
        start -= 1
        base[start] = byte
    }

    /// A sub-window with Python slice semantics: negative bounds count from the end, bounds clamp.
    func slice(_ lower: Int, _ upper: Int? = nil) -> Text {
        func clamp(_ value: Int) -> Int {
            let resolved = value < 0 ? count + value : value
            return Swift.max(0, Swift.min(count, resolved))
        }
        let low = clamp(lower)
        let high = Swift.max(low, clamp(upper ?? count))
        return Text(base: base, start: start + low, end: start + high)
    }

    /// Whether the window is non-empty and all ASCII digits (the reference's `isdigits`).
    var isDigits: Bool {
        guard start < end else { return false }
        return allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The value of the digit at `offset` (only called once the window is known to be digits).
    @inline(__always)
    func digit(_ offset: Int) -> Int { Int(base[start + offset] &- 0x30) }

    /// The decimal value of the digits (only called on short digit windows).
    var value: Int {
        var result = 0
        for offset in 0..<count { result = result &* 10 &+ digit(offset) }
        return result
    }

    /// The sum of each digit times its weight, over the shorter of the two.
    func weightedSum(_ weights: [Int]) -> Int {
        var sum = 0
        for offset in 0..<Swift.min(count, weights.count) { sum += weights[offset] * digit(offset) }
        return sum
    }

    func hasPrefix(_ ascii: StaticString) -> Bool {
        let length = ascii.utf8CodeUnitCount
        guard length <= count else { return false }
        let pointer = ascii.utf8Start
        for offset in 0..<length where pointer[offset] != self[offset] { return false }
        return true
    }

    func hasSuffix(_ ascii: StaticString) -> Bool { slice(-ascii.utf8CodeUnitCount).equals(ascii) && ascii.utf8CodeUnitCount <= count }

    func equals(_ ascii: StaticString) -> Bool { ascii.utf8CodeUnitCount == count && hasPrefix(ascii) }

    /// The prefix followed by the window's bytes, as a string.
    func string(prefixedBy prefix: (UInt8, UInt8)) -> String {
        String(unsafeUninitializedCapacity: count + 2) { output in
            output[0] = prefix.0
            output[1] = prefix.1
            for offset in 0..<count { output[offset + 2] = self[offset] }
            return count + 2
        }
    }

    var string: String {
        String(unsafeUninitializedCapacity: count) { output in
            for offset in 0..<count { output[offset] = self[offset] }
            return count
        }
    }
}
