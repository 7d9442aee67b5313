import Foundation

/// A parsed `multipart/form-data` body (RFC 7578): text fields and uploaded files.
public struct MultipartForm: Sendable {
    /// One uploaded file.
    public struct File: Sendable, Equatable {
        /// The form field's name.
        public let field: String
        /// The file name the browser sent (its last path component).
        public let fileName: String
        /// The declared media type.
        public let contentType: String?
        /// The bytes.
        public let bytes: Data
    }

    /// The text fields.
    public let fields: FormFields
    /// The files.
    public let files: [File]

    /// Why a body is not a form.
    public struct Malformed: Error, Equatable, CustomStringConvertible {
        /// What is wrong.
        public let description: String
    }

    /// The boundary of a `Content-Type: multipart/form-data; boundary=…` header, or `nil`.
    public static func boundary(ofContentType contentType: String) -> String? {
        let parts = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.first?.lowercased() == "multipart/form-data" else { return nil }
        for part in parts.dropFirst() where part.lowercased().hasPrefix("boundary=") {
            var value = String(part.dropFirst("boundary=".count))
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.isEmpty || value.utf8.count > 70 ? nil : value
        }
        return nil
    }

    /// Parses `body` delimited by `boundary`.
    public init(body: Data, boundary: String) throws(Malformed) {
        let bytes = [UInt8](body)
        let delimiter = Array("--\(boundary)".utf8)
        var fields = FormFields()
        var files: [File] = []
        guard var position = Self.find(delimiter, in: bytes, from: 0) else { throw Malformed(description: "no boundary") }
        position += delimiter.count
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            if position + 2 <= bytes.count, bytes[position] == UInt8(ascii: "-"), bytes[position + 1] == UInt8(ascii: "-") { break }
            guard position + 2 <= bytes.count, bytes[position] == 13, bytes[position + 1] == 10 else {
                throw Malformed(description: "a boundary is not followed by a line end")
            }
            position += 2
            guard let headerEnd = Self.find(Array("\r\n\r\n".utf8), in: bytes, from: position) else {
                throw Malformed(description: "a part has no end of headers")
            }
            let headers = String(decoding: bytes[position..<headerEnd], as: UTF8.self)
            let contentStart = headerEnd + 4
            guard let next = Self.find(Array("\r\n".utf8) + delimiter, in: bytes, from: contentStart) else {
                throw Malformed(description: "a part does not end")
            }
            let content = Data(bytes[contentStart..<next])
            let (name, fileName, contentType) = Self.disposition(headers)
            guard let name else { throw Malformed(description: "a part has no name") }
            if let fileName {
                if !fileName.isEmpty || !content.isEmpty {
                    let last = fileName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? fileName
                    files.append(File(field: name, fileName: last, contentType: contentType, bytes: content))
                }
            } else {
                fields.append(String(decoding: content, as: UTF8.self), for: name)
            }
            position = next + 2 + delimiter.count
        }
        self.fields = fields
        self.files = files
    }

    /// The name, file name and content type of a part's headers.
    private static func disposition(_ headers: String) -> (String?, String?, String?) {
        var name: String?
        var fileName: String?
        var contentType: String?
        for line in headers.components(separatedBy: "\r\n") {
            let lower = line.lowercased()
            if lower.hasPrefix("content-type:") {
                contentType = line.dropFirst("content-type:".count).trimmingCharacters(in: .whitespaces)
            } else if lower.hasPrefix("content-disposition:") {
                for parameter in line.split(separator: ";").dropFirst() {
                    let pair = parameter.trimmingCharacters(in: .whitespaces)
                    guard let equals = pair.firstIndex(of: "=") else { continue }
                    let key = pair[..<equals].lowercased()
                    var value = String(pair[pair.index(after: equals)...])
                    if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
                    if key == "name" { name = value } else if key == "filename" { fileName = value }
                }
            }
        }
        return (name, fileName, contentType)
    }

    /// The first index of `needle` in `haystack` at or after `start`.
    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        let first = needle[0]
        while index <= haystack.count - needle.count {
            if haystack[index] == first {
                var matched = true
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] { matched = false; break }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }
}
