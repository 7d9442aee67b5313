import Foundation

/// Little-endian binary writer for the journal and snapshot frames (R-ADP-1).
struct ByteWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 256) { bytes.reserveCapacity(capacity) }

    mutating func u8(_ value: UInt8) { bytes.append(value) }

    mutating func u32(_ value: UInt32) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func u64(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ value: String) {
        let utf8 = value.utf8
        u32(UInt32(truncatingIfNeeded: utf8.count))
        bytes.append(contentsOf: utf8)
    }

    mutating func data(_ value: Data) {
        u32(UInt32(truncatingIfNeeded: value.count))
        bytes.append(contentsOf: value)
    }

    mutating func strings(_ values: [String]) {
        u32(UInt32(truncatingIfNeeded: values.count))
        for value in values { string(value) }
    }

    /// Overwrites four bytes at `offset` (a length or checksum filled in afterwards).
    mutating func patch(_ value: UInt32, at offset: Int) {
        withUnsafeBytes(of: value.littleEndian) { raw in
            for index in 0..<4 { bytes[offset + index] = raw[index] }
        }
    }
}

/// Why bytes could not be decoded; the stores turn it into ``StorageError/Reason/corrupt``.
struct FormatError: Error, Sendable {
    let detail: String
}

/// Bounds-checked little-endian reader over borrowed bytes: never traps on malformed input.
struct ByteReader {
    let base: UnsafeRawBufferPointer
    private(set) var position: Int
    let end: Int

    init(_ base: UnsafeRawBufferPointer, from start: Int = 0, to end: Int? = nil) {
        self.base = base
        self.position = start
        self.end = min(end ?? base.count, base.count)
    }

    var remaining: Int { end - position }
    var isAtEnd: Bool { position >= end }

    @inline(__always) // called several times per record while loading a snapshot
    mutating func need(_ count: Int) throws(FormatError) {
        guard count >= 0, count <= remaining else {
            throw FormatError(detail: "needs \(count) bytes at offset \(position), \(remaining) left")
        }
    }

    @inline(__always)
    mutating func u8() throws(FormatError) -> UInt8 {
        try need(1)
        defer { position += 1 }
        return base[position]
    }

    @inline(__always)
    mutating func u32() throws(FormatError) -> UInt32 {
        try need(4)
        defer { position += 4 }
        return UInt32(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt32.self))
    }

    @inline(__always)
    mutating func u64() throws(FormatError) -> UInt64 {
        try need(8)
        defer { position += 8 }
        return UInt64(littleEndian: base.loadUnaligned(fromByteOffset: position, as: UInt64.self))
    }

    /// The next `count` bytes, borrowed.
    @inline(__always)
    mutating func bytes(_ count: Int) throws(FormatError) -> UnsafeRawBufferPointer {
        try need(count)
        defer { position += count }
        return UnsafeRawBufferPointer(rebasing: base[position..<(position + count)])
    }

    @inline(__always)
    mutating func string() throws(FormatError) -> String {
        let length = Int(try u32())
        let raw = try bytes(length)
        return String(decoding: raw, as: UTF8.self)
    }

    mutating func data() throws(FormatError) -> Data {
        let length = Int(try u32())
        let raw = try bytes(length)
        return Data(raw)
    }

    /// A count of elements that each take at least `minimumSize` bytes, checked against what is left.
    mutating func count(minimumSize: Int) throws(FormatError) -> Int {
        let value = Int(try u32())
        guard value <= remaining / max(minimumSize, 1) else {
            throw FormatError(detail: "count \(value) at offset \(position - 4) exceeds the data")
        }
        return value
    }

    mutating func strings() throws(FormatError) -> [String] {
        let count = try count(minimumSize: 4)
        if count == 0 { return [] }
        if count == 1 { return [try string()] }
        var values: [String] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try string()) }
        return values
    }
}

extension Array where Element == UInt8 {
    /// `withUnsafeBytes` keeping the closure's typed error.
    func withBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let result: Result<R, E> = withUnsafeBytes { raw in Result { () throws(E) -> R in try body(raw) } }
        return try result.get()
    }
}
