import Foundation

/// The layout of a snapshot of format version 4, read in place by ``SnapshotBase`` (R-ADP-1, issue 17
/// item 1); `Documentation/EmbeddedStore.md` describes it.
///
/// ```
/// header (40 bytes, as in every store file; count = live records)
/// record blobs       per kind, in insertion order: ID, payload, unique keys, index keys
/// strings            the IDs, tombstone IDs, index keys and unique keys the sections point at
/// per kind:          entries      (40 bytes per record, in insertion order: sequence, version,
///                                  blob offset, blob length u32, ID length u32, ID offset)
///                    ID index     (32 bytes per record, sorted by ID: ID offset, length u32, ordinal u32, prefix)
///                    tombstones   (40 bytes each, sorted by ID: ID offset, length u32, 0 u32, prefix, last version)
///                    index lists  (u32 ordinals, ascending = insertion order)
///                    index keys   (40 bytes each, sorted by key: key offset, length u32, list count u32, prefix,
///                                  list offset)
/// unique keys        (40 bytes each, sorted by key: key offset, length u32, kind u32, prefix, ordinal u32, 0 u32)
/// directory          commit sequence, next insertion sequence, the kinds (name, record count and
///                    the offsets and counts of their sections), the unique-key count and offset
/// checksum table     CRC-32C (u32) of every 4 KiB block of the bytes before it (the last one partial),
///                    in pages of 1,024
/// page checksums     CRC-32C (u32) of every page of the checksum table
/// footer (48 bytes)  "CPSSNAPF", checksum-table offset, directory offset, directory length (u64 each),
///                    CRC-32C of the page checksums (u32), 0 (u32), CRC-32C of those 40 bytes (u32), 0 (u32)
/// ```
/// A sorted entry's *prefix* is the first 16 bytes of its string (zero-padded), so a binary search
/// reads the string itself only when two strings share 16 bytes. Strings are compared as UTF-8
/// bytes. All integers are little-endian.
enum SnapshotLayout {
    static let blockSize = 4096
    static let footerMagic: [UInt8] = Array("CPSSNAPF".utf8)
    static let footerSize = 48
    static let entrySize = 40
    static let idIndexEntrySize = 32
    static let tombstoneEntrySize = 40
    static let indexKeyEntrySize = 40
    static let uniqueEntrySize = 40
    /// The bytes of a sorted entry's string kept in the entry (at offset 16).
    static let prefixSize = 16
    /// Block checksums per page of the checksum table.
    static let checksumsPerPage = 1024

    struct Footer: Sendable {
        let checksumTableOffset: Int
        let directoryOffset: Int
        let directoryLength: Int
        /// The CRC-32C of the page checksums.
        let pageListCRC: UInt32
    }

    /// How many blocks `length` bytes take.
    static func blockCount(_ length: Int) -> Int { (length + blockSize - 1) / blockSize }

    /// How many pages the checksums of `blocks` blocks take.
    static func pageCount(blocks: Int) -> Int { (blocks + checksumsPerPage - 1) / checksumsPerPage }

    /// The checksum table (in pages) and the page checksums of the checked bytes' block checksums.
    static func checksumTables(_ checksums: [UInt32]) -> (table: [UInt8], pages: [UInt8]) {
        var table = ByteWriter(capacity: 4 * checksums.count)
        for checksum in checksums { table.u32(checksum) }
        var pages = ByteWriter(capacity: 4 * pageCount(blocks: checksums.count))
        table.bytes.withUnsafeBytes { raw in
            var start = 0
            while start < raw.count {
                let end = min(raw.count, start + 4 * checksumsPerPage)
                pages.u32(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[start..<end])))
                start = end
            }
        }
        return (table.bytes, pages.bytes)
    }

    static func encodeFooter(_ footer: Footer) -> [UInt8] {
        var writer = ByteWriter(capacity: footerSize)
        writer.bytes.append(contentsOf: footerMagic)
        writer.u64(UInt64(footer.checksumTableOffset))
        writer.u64(UInt64(footer.directoryOffset))
        writer.u64(UInt64(footer.directoryLength))
        writer.u32(footer.pageListCRC)
        writer.u32(0)
        writer.u32(CRC32C.checksum(writer.bytes))
        writer.u32(0)
        return writer.bytes
    }

    /// Recomputes every checksum of a version-4 snapshot whose footer's offsets are intact (block
    /// checksums, the checksum table's, the footer's), so that tests and the fuzzer can hand the
    /// section readers malformed content that no checksum catches. Does nothing to other bytes.
    static func reseal(_ bytes: inout [UInt8]) {
        guard bytes.count >= footerSize else { return }
        let footerStart = bytes.count - footerSize
        let footer: Footer = bytes.withUnsafeBytes { raw in
            let slice = UnsafeRawBufferPointer(rebasing: raw[footerStart...])
            func u64(_ offset: Int) -> Int { Int(UInt64(littleEndian: slice.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) & 0xFFFF_FFFF) }
            return Footer(checksumTableOffset: u64(8), directoryOffset: u64(16), directoryLength: u64(24), pageListCRC: 0)
        }
        let blocks = blockCount(footer.checksumTableOffset)
        guard footer.checksumTableOffset + 4 * blocks + 4 * pageCount(blocks: blocks) == footerStart else { return }
        let checksums: [UInt32] = bytes.withUnsafeBytes { raw in
            stride(from: 0, to: footer.checksumTableOffset, by: blockSize).map { start in
                CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[start..<min(footer.checksumTableOffset, start + blockSize)]))
            }
        }
        let (table, pages) = checksumTables(checksums)
        bytes.replaceSubrange(footer.checksumTableOffset..<footerStart, with: table + pages)
        bytes.replaceSubrange(footerStart..., with: encodeFooter(Footer(
            checksumTableOffset: footer.checksumTableOffset, directoryOffset: footer.directoryOffset,
            directoryLength: footer.directoryLength, pageListCRC: CRC32C.checksum(pages))))
    }

    /// The footer, or `nil` when the bytes are not an intact one.
    static func decodeFooter(_ raw: UnsafeRawBufferPointer) -> Footer? {
        guard raw.count == footerSize, raw.prefix(8).elementsEqual(footerMagic) else { return nil }
        func u64(_ offset: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
        func u32(_ offset: Int) -> UInt32 { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        guard u32(40) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<40])), u32(36) == 0, u32(44) == 0 else { return nil }
        let limit = UInt64(Int.max / 2)
        guard u64(8) <= limit, u64(16) <= limit, u64(24) <= limit else { return nil }
        return Footer(checksumTableOffset: Int(u64(8)), directoryOffset: Int(u64(16)), directoryLength: Int(u64(24)),
                      pageListCRC: u32(32))
    }
}
