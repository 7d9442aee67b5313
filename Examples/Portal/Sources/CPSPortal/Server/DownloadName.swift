/// A file name that is safe inside a quoted `Content-Disposition` parameter: printable ASCII
/// without quotes or backslashes (anything else becomes `_`).
enum DownloadName {
    static func safe(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { scalar -> Character in
            (0x20...0x7E).contains(scalar.value) && scalar != "\"" && scalar != "\\" ? Character(scalar) : "_"
        })
        return cleaned.isEmpty ? "document" : String(cleaned.prefix(120))
    }
}
