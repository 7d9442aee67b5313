import Foundation

/// A POSIX ustar archive writer (IEEE Std 1003.1, "pax" without extensions): regular files only,
/// paths of at most 100 bytes, a fixed mode and time — enough for the export archive (R-GDPR-1), and
/// readable by `tar -xf` everywhere.
enum TarArchive {
    /// The archive of `files` (path, bytes), in order, ending with two zero blocks.
    static func archive(_ files: [(path: String, data: Data)], modified: Date) -> Data {
        var out = Data()
        for file in files {
            out.append(contentsOf: header(path: file.path, size: file.data.count, modified: modified))
            out.append(file.data)
            let padding = (512 - file.data.count % 512) % 512
            out.append(contentsOf: [UInt8](repeating: 0, count: padding))
        }
        out.append(contentsOf: [UInt8](repeating: 0, count: 1024))
        return out
    }

    private static func header(path: String, size: Int, modified: Date) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, length: Int) {
            for (index, byte) in Array(text.utf8).prefix(length).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, length: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, length - 1 - digits.count)) + digits, at: offset, length: length - 1)
        }
        put(path, at: 0, length: 100)
        octal(0o644, at: 100, length: 8)
        octal(0, at: 108, length: 8)
        octal(0, at: 116, length: 8)
        octal(size, at: 124, length: 12)
        octal(max(0, Int(modified.timeIntervalSince1970)), at: 136, length: 12)
        put("        ", at: 148, length: 8) // the checksum field counts as spaces
        block[156] = UInt8(ascii: "0")
        put("ustar", at: 257, length: 6)
        put("00", at: 263, length: 2)
        put("cps", at: 265, length: 32)
        put("cps", at: 297, length: 32)
        let sum = block.reduce(0) { $0 + Int($1) }
        let digits = String(sum, radix: 8)
        put(String(repeating: "0", count: max(0, 6 - digits.count)) + digits, at: 148, length: 6)
        block[154] = 0
        block[155] = UInt8(ascii: " ")
        return block
    }
}
