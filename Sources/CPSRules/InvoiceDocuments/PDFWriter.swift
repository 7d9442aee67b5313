import Foundation

/// A small PDF 1.4 writer for text documents (R-IDOC-1): A4 pages, base-14 Helvetica with
/// WinAnsiEncoding and a `/Differences` table (``PDFTextEncoding``), one text run (`Tj`) per line.
///
/// The bytes are deterministic for the same input: objects are written in a fixed order, every
/// number is an integer written in POSIX digits, the `/ID` is the SHA-256 of the page contents, and
/// there is no `/CreationDate` unless one is given. The cross-reference table holds each object's
/// exact byte offset.
public struct PDFWriter: Sendable {
    /// Points per line.
    public static let leading = 13
    /// The font size in points.
    public static let fontSize = 9
    /// Lines per page, the footer excluded.
    public static let linesPerPage = 56

    /// `/Title` of the document information dictionary.
    public var title: String
    /// `/CreationDate` as a PDF date string body, e.g. `20260302120000Z`; `nil`: none.
    public var creationDate: String?

    /// Creates a writer.
    public init(title: String, creationDate: String? = nil) {
        self.title = title
        self.creationDate = creationDate
    }

    /// `lines` split into A4 pages, each with a footer line made by `footer(page, pages)`.
    public func document(lines: [String], footer: (Int, Int) -> String) throws(InvoiceDocumentError) -> [UInt8] {
        var pages: [[String]] = []
        var index = 0
        while index < lines.count {
            pages.append(Array(lines[index..<min(lines.count, index + Self.linesPerPage)]))
            index += Self.linesPerPage
        }
        if pages.isEmpty { pages = [[]] }
        var contents: [[UInt8]] = []
        for (number, page) in pages.enumerated() {
            var stream = Array("BT\n/F1 \(Self.fontSize) Tf\n\(Self.leading) TL\n50 800 Td\n".utf8)
            for line in page {
                stream += try Self.string(line) + Array(" Tj T*\n".utf8)
            }
            stream += Array("ET\nBT\n/F1 \(Self.fontSize) Tf\n50 40 Td\n".utf8)
            stream += try Self.string(footer(number + 1, pages.count)) + Array(" Tj\nET\n".utf8)
            contents.append(stream)
        }
        return try write(contents)
    }

    private func write(_ contents: [[UInt8]]) throws(InvoiceDocumentError) -> [UInt8] {
        // Objects: 1 catalog, 2 pages, 3 font, 4 info, then for each page its page and content objects.
        var objects: [[UInt8]] = []
        let pageIDs = contents.indices.map { 5 + 2 * $0 }
        objects.append(Array("<< /Type /Catalog /Pages 2 0 R >>".utf8))
        objects.append(Array("<< /Type /Pages /Kids [\(pageIDs.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(contents.count) >>".utf8))
        var differences = "["
        var previous: Int?
        for entry in PDFTextEncoding.differences {
            if previous.map({ $0 + 1 }) != Int(entry.code) { differences += " \(entry.code)" }
            differences += " /\(entry.glyph)"
            previous = Int(entry.code)
        }
        differences += " ]"
        objects.append(Array(("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding "
                              + "/BaseEncoding /WinAnsiEncoding /Differences \(differences) >> >>").utf8))
        var info = Array("<< /Producer (CPSKit) /Title ".utf8) + (try Self.string(title))
        if let creationDate { info += Array(" /CreationDate (D:\(creationDate))".utf8) }
        objects.append(info + Array(" >>".utf8))
        for (index, stream) in contents.enumerated() {
            objects.append(Array(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
                                  + "/Resources << /Font << /F1 3 0 R >> >> /Contents \(pageIDs[index] + 1) 0 R >>").utf8))
            objects.append(Array("<< /Length \(stream.count) >>\nstream\n".utf8) + stream + Array("endstream".utf8))
        }
        var output = Array("%PDF-1.4\n%".utf8) + [0xE2, 0xE3, 0xCF, 0xD3, 0x0A]
        var offsets: [Int] = []
        for (index, body) in objects.enumerated() {
            offsets.append(output.count)
            output += Array("\(index + 1) 0 obj\n".utf8) + body + Array("\nendobj\n".utf8)
        }
        let xref = output.count
        output += Array("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        for offset in offsets {
            let digits = String(offset)
            output += Array((String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n").utf8)
        }
        let id = SHA256.hexDigest(contents.flatMap { $0 }).prefix(32)
        output += Array("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 4 0 R /ID [<\(id)> <\(id)>] >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return output
    }

    /// `text` as a PDF literal string in the font's encoding, `(` `)` `\` escaped, other bytes outside
    /// printable ASCII written as octal escapes.
    static func string(_ text: String) throws(InvoiceDocumentError) -> [UInt8] {
        var result: [UInt8] = [0x28]
        for byte in try PDFTextEncoding.encode(text) {
            switch byte {
            case 0x28, 0x29, 0x5C: result += [0x5C, byte]
            case 0x20...0x7E: result.append(byte)
            default:
                let octal = String(byte, radix: 8)
                result += Array(("\\" + String(repeating: "0", count: 3 - octal.count) + octal).utf8)
            }
        }
        result.append(0x29)
        return result
    }
}

extension InvoiceDocument {
    /// The document as a PDF in its language (R-IDOC-1): every line of ``InvoiceDocumentText`` is one
    /// text run; "Page n of m" at the foot of each page.
    public func pdf(catalog: TextCatalog = .standard, creationDate: String? = nil) throws(InvoiceDocumentError) -> [UInt8] {
        let title = InvoiceDocumentText.title(self, catalog: catalog) + " " + number
        return try PDFWriter(title: title, creationDate: creationDate)
            .document(lines: InvoiceDocumentText.lines(self, catalog: catalog)) { page, pages in
                catalog.render("invoiceDocument.label.page", ["page": String(page), "pages": String(pages)], in: language)
            }
    }

    /// The document as plain text in its language (R-IDOC-1).
    public func text(catalog: TextCatalog = .standard) -> String { InvoiceDocumentText.render(self, catalog: catalog) }
}
