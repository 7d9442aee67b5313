/// How the PDF writer turns text into bytes of a base-14 Helvetica font (R-IDOC-1): WinAnsiEncoding
/// for ASCII and Latin-1, plus a `/Differences` table that puts the Latin Extended-A letters of the
/// participating countries (Polish, Czech, Slovak, Hungarian: ł ő č ř ś ž …) on codes WinAnsi leaves
/// unused. A character outside both is ``InvoiceDocumentError/Reason/unprintableCharacter``, never "?".
public enum PDFTextEncoding {
    /// The codes the `/Differences` table assigns, with their glyph names, ascending.
    public static let differences: [(code: UInt8, scalar: Unicode.Scalar, glyph: String)] = {
        let letters: [(UInt32, String)] = [
            (0x104, "Aogonek"), (0x105, "aogonek"), (0x106, "Cacute"), (0x107, "cacute"), (0x118, "Eogonek"),
            (0x119, "eogonek"), (0x141, "Lslash"), (0x142, "lslash"), (0x143, "Nacute"), (0x144, "nacute"),
            (0x15A, "Sacute"), (0x15B, "sacute"), (0x179, "Zacute"), (0x17A, "zacute"), (0x17B, "Zdotaccent"),
            (0x17C, "zdotaccent"), (0x10C, "Ccaron"), (0x10D, "ccaron"), (0x10E, "Dcaron"), (0x10F, "dcaron"),
            (0x11A, "Ecaron"), (0x11B, "ecaron"), (0x147, "Ncaron"), (0x148, "ncaron"), (0x158, "Rcaron"),
            (0x159, "rcaron"), (0x164, "Tcaron"), (0x165, "tcaron"), (0x16E, "Uring"), (0x16F, "uring"),
            (0x13D, "Lcaron"), (0x13E, "lcaron"), (0x13A, "lacute"), (0x150, "Ohungarumlaut"),
            (0x151, "ohungarumlaut"), (0x170, "Uhungarumlaut"), (0x171, "uhungarumlaut"),
        ]
        let codes: [UInt8] = Array(1...31) + [0x7F, 0x81, 0x8D, 0x8F, 0x90, 0x9D]
        return zip(codes, letters).compactMap { code, letter in
            Unicode.Scalar(letter.0).map { (code, $0, letter.1) }
        }
    }()

    /// WinAnsi's codes 0x80–0x9F that are not Latin-1.
    private static let windows1252: [UInt32: UInt8] = [
        0x20AC: 0x80, 0x201A: 0x82, 0x0192: 0x83, 0x201E: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
        0x02C6: 0x88, 0x2030: 0x89, 0x0160: 0x8A, 0x2039: 0x8B, 0x0152: 0x8C, 0x017D: 0x8E, 0x2018: 0x91,
        0x2019: 0x92, 0x201C: 0x93, 0x201D: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02DC: 0x98,
        0x2122: 0x99, 0x0161: 0x9A, 0x203A: 0x9B, 0x0153: 0x9C, 0x017E: 0x9E, 0x0178: 0x9F,
    ]

    private static let extended: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [:]
        for entry in differences { table[entry.scalar.value] = entry.code }
        return table
    }()

    /// The font code of `scalar`, or `nil` when the font cannot show it.
    public static func code(of scalar: Unicode.Scalar) -> UInt8? {
        let value = scalar.value
        if (0x20...0x7E).contains(value) || (0xA0...0xFF).contains(value) { return UInt8(value) }
        return windows1252[value] ?? extended[value]
    }

    /// The bytes of `text`, or the typed error naming the first character the font cannot show.
    public static func encode(_ text: String) throws(InvoiceDocumentError) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in text.unicodeScalars {
            guard let code = code(of: scalar) else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                throw InvoiceDocumentError(.unprintableCharacter, facts: [
                    "character": String(scalar), "codePoint": "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex,
                ])
            }
            bytes.append(code)
        }
        return bytes
    }

    /// The scalar a font code shows (for tests and text extraction).
    public static func scalar(of code: UInt8) -> Unicode.Scalar? {
        if let entry = differences.first(where: { $0.code == code }) { return entry.scalar }
        if let pair = windows1252.first(where: { $0.value == code }) { return Unicode.Scalar(pair.key) }
        return Unicode.Scalar(UInt32(code))
    }
}
