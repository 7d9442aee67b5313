import Foundation

/// A snapshot of format version 4 read in place (R-ADP-1, issue 17 item 1): nothing is decoded on
/// open but the footer, the page checksums, the header and the directory; a record is found through
/// the kind's ID index (sorted by UTF-8 bytes, binary search) and decoded on first read (and cached).
/// The bytes come from ``SnapshotBlocks``: `pread`, every 4 KiB block checked before use.
///
/// `SnapshotLayout` describes the file. The owner (``RecordTable``) lays the journal tail over it.
final class SnapshotBase: Sendable {
    /// One kind's sections.
    struct Kind: Sendable {
        let name: String
        /// Position in the directory (unique-key owners refer to kinds by it).
        let number: Int
        let count: Int
        let entries: Int
        let idIndex: Int
        let tombstoneCount: Int
        let tombstones: Int
        let indexKeyCount: Int
        let indexKeys: Int
    }

    /// A record's fixed-width entry: found without decoding its payload.
    struct Entry: Sendable {
        let ordinal: Int
        let sequence: UInt64
        let version: UInt64
        let dataOffset: Int
        let dataLength: Int
        let idOffset: Int
        let idLength: Int
    }

    /// A list of a kind's records in insertion order: the whole kind, or the holders of one index key.
    enum List: Sendable {
        case all(count: Int)
        case index(offset: Int, count: Int)

        var count: Int {
            switch self {
            case .all(let count), .index(_, let count): count
            }
        }
    }

    var file: String { blocks.file }
    let header: StorageFormat.Header
    let commitSequence: UInt64
    let nextSequence: UInt64
    let kinds: [String: Kind]
    let kindNames: [String]
    let uniqueCount: Int
    let uniqueOffset: Int
    private let blocks: SnapshotBlocks
    private let records = Locked<[RecordKey: RecordEnvelope]>([:])

    private struct RecordKey: Hashable {
        let kind: Int
        let ordinal: Int
    }

    static let recordCacheLimit = 65_536

    /// Opens the snapshot at `handle` (taking ownership of it): reads the footer and the page
    /// checksums (``SnapshotBlocks``), then the header and the directory, checking each; `.corrupt`
    /// on any damage.
    init(handle: StorageFileHandle, fileSystem: any StorageFileSystem, file: String) throws(StorageError) {
        let blocks = try SnapshotBlocks(handle: handle, fileSystem: fileSystem, file: file)
        self.blocks = blocks
        func damaged(_ detail: String) -> StorageError { StorageError(.corrupt, subject: file, detail: "\(file): \(detail)") }
        let limit = blocks.dataEnd
        let decodedHeader = try blocks.bytes(at: 0, count: StorageFormat.headerSize).withBytes { (raw) throws(StorageError) in
            try StorageFormat.decodeHeader(raw, magic: StorageFormat.snapshotMagic, file: file)
        }
        guard decodedHeader.version >= StorageFormat.indexedSnapshotVersion else { throw damaged("not an indexed snapshot") }
        header = decodedHeader
        let directory = try blocks.bytes(at: blocks.footer.directoryOffset, count: blocks.footer.directoryLength)
        var kindsByName: [String: Kind] = [:]
        var names: [String] = []
        var sequence: UInt64 = 0, next: UInt64 = 0, uniqueCount = 0, uniqueOffset = 0
        do throws(FormatError) {
            try directory.withBytes { (raw) throws(FormatError) in
                var reader = ByteReader(raw)
                sequence = try reader.u64()
                next = try reader.u64()
                let kindCount = try reader.count(minimumSize: 4 + 8 * 7)
                var total = 0
                for number in 0..<kindCount {
                    let name = try reader.string()
                    func int() throws(FormatError) -> Int {
                        let value = try reader.u64()
                        guard value <= UInt64(limit) else { throw FormatError(detail: "a directory value \(value) exceeds the file") }
                        return Int(value)
                    }
                    let kind = Kind(name: name, number: number, count: try int(), entries: try int(), idIndex: try int(),
                                    tombstoneCount: try int(), tombstones: try int(), indexKeyCount: try int(), indexKeys: try int())
                    guard kind.count <= limit / SnapshotLayout.entrySize,
                          kind.tombstoneCount <= limit / SnapshotLayout.tombstoneEntrySize,
                          kind.indexKeyCount <= limit / SnapshotLayout.indexKeyEntrySize,
                          kindsByName.updateValue(kind, forKey: name) == nil else {
                        throw FormatError(detail: "the directory entry of \(name) is malformed or repeated")
                    }
                    names.append(name)
                    total += kind.count
                }
                let unique = try reader.u64(), offset = try reader.u64()
                guard unique <= UInt64(limit / SnapshotLayout.uniqueEntrySize), offset <= UInt64(limit), reader.isAtEnd else {
                    throw FormatError(detail: "the directory's unique-key section is malformed")
                }
                uniqueCount = Int(unique)
                uniqueOffset = Int(offset)
                guard UInt64(total) == decodedHeader.count else {
                    throw FormatError(detail: "the kinds hold \(total) records, the header says \(decodedHeader.count)")
                }
            }
        } catch {
            throw damaged("the directory is malformed: \(error.detail)")
        }
        commitSequence = sequence
        nextSequence = next
        kinds = kindsByName
        kindNames = names
        self.uniqueCount = uniqueCount
        self.uniqueOffset = uniqueOffset
    }

    /// Closes the descriptor (once); later reads fail with `unavailable`.
    func close() {
        blocks.close()
        records.withLock { $0 = [:] }
    }

    /// The live records the snapshot holds.
    var count: Int { Int(header.count) }

    /// `count` bytes at `offset`, from checked blocks.
    func bytes(at offset: Int, count: Int) throws(StorageError) -> [UInt8] {
        try blocks.bytes(at: offset, count: count)
    }

    /// Reads every block, checking its checksum (for `cps store verify`).
    func verifyAllBlocks() throws(StorageError) {
        try blocks.verifyAll()
    }

    private func fields(at offset: Int, count: Int) throws(StorageError) -> FieldReader {
        FieldReader(bytes: try bytes(at: offset, count: count))
    }

    private func damaged(_ detail: String) -> StorageError {
        StorageError(.corrupt, subject: file, detail: "\(file): \(detail)")
    }

    // MARK: - Records

    /// The entry of the record at `ordinal` (its position in insertion order) of `kind`.
    func entry(_ kind: Kind, _ ordinal: Int) throws(StorageError) -> Entry {
        guard ordinal >= 0, ordinal < kind.count else { throw damaged("\(kind.name): record \(ordinal) is out of range") }
        let reader = try fields(at: kind.entries + ordinal * SnapshotLayout.entrySize, count: SnapshotLayout.entrySize)
        return Entry(ordinal: ordinal, sequence: reader.u64(0), version: reader.u64(8), dataOffset: reader.int(16),
                     dataLength: Int(reader.u32(24)), idOffset: reader.int(32), idLength: Int(reader.u32(28)))
    }

    /// The ID of a record.
    func id(of entry: Entry) throws(StorageError) -> String {
        String(decoding: try bytes(at: entry.idOffset, count: entry.idLength), as: UTF8.self)
    }

    private func string(at offset: Int, length: Int) throws(StorageError) -> [UInt8] {
        try bytes(at: offset, count: length)
    }

    /// Binary search of a section of `count` entries of `size` bytes sorted by the string each
    /// starts with (offset u64, length u32, a u32, the string's first 16 bytes): the entry for `key`,
    /// or `nil`. The prefix decides most comparisons without reading the string.
    private func search(section: Int, count: Int, size: Int, for key: [UInt8]) throws(StorageError) -> FieldReader? {
        var low = 0, high = count
        while low < high {
            let middle = low + (high - low) / 2
            let reader = try fields(at: section + middle * size, count: size)
            let order = try compare(reader, key)
            if order < 0 {
                low = middle + 1
            } else if order > 0 {
                high = middle
            } else {
                return reader
            }
        }
        return nil
    }

    /// The order of an entry's string against `key` (-1, 0, 1), from its prefix when that decides.
    private func compare(_ entry: FieldReader, _ key: [UInt8]) throws(StorageError) -> Int {
        let length = Int(entry.u32(8))
        let stored = min(length, SnapshotLayout.prefixSize), wanted = min(key.count, SnapshotLayout.prefixSize)
        for index in 0..<min(stored, wanted) {
            let a = entry.bytes[16 + index], b = key[index]
            if a != b { return a < b ? -1 : 1 }
        }
        if stored < SnapshotLayout.prefixSize || wanted < SnapshotLayout.prefixSize {
            // One of the two ends within the prefix: the shorter one sorts first.
            return length == key.count ? 0 : (length < key.count ? -1 : 1)
        }
        let full = try string(at: entry.int(0), length: length)
        if full.lexicographicallyPrecedes(key) { return -1 }
        return key.lexicographicallyPrecedes(full) ? 1 : 0
    }

    /// The entry of the record `id` of `kind`, or `nil`.
    func find(_ kind: Kind, id: String) throws(StorageError) -> Entry? {
        guard let reader = try search(section: kind.idIndex, count: kind.count, size: SnapshotLayout.idIndexEntrySize,
                                      for: Array(id.utf8)) else { return nil }
        return try entry(kind, Int(reader.u32(12)))
    }

    /// The record of `entry`, decoded (and cached) on first read.
    func envelope(_ kind: Kind, _ entry: Entry, cached: Bool = true) throws(StorageError) -> RecordEnvelope {
        let key = RecordKey(kind: kind.number, ordinal: entry.ordinal)
        if cached, let hit = records.withLock({ $0[key] }) { return hit }
        let blob = try bytes(at: entry.dataOffset, count: entry.dataLength)
        let envelope: RecordEnvelope
        do throws(FormatError) {
            envelope = try blob.withBytes { (raw) throws(FormatError) -> RecordEnvelope in
                var reader = ByteReader(raw)
                let id = try reader.string()
                let payload = try reader.data()
                let unique = try reader.strings()
                let index = try reader.strings()
                guard reader.isAtEnd else { throw FormatError(detail: "extra bytes after the record") }
                return RecordEnvelope(kind: kind.name, id: id, version: entry.version, payload: payload,
                                      uniqueKeys: unique, indexKeys: index)
            }
        } catch {
            throw damaged("\(kind.name) record \(entry.ordinal) at offset \(entry.dataOffset): \(error.detail)")
        }
        guard envelope.id.utf8.count == entry.idLength else { throw damaged("\(kind.name) record \(entry.ordinal): its ID does not match its entry") }
        if cached {
            records.withLock { records in
                if records.count >= Self.recordCacheLimit { records.removeAll(keepingCapacity: true) }
                records[key] = envelope
            }
        }
        return envelope
    }

    /// The last version of the deleted record `id` of `kind`, or `nil`.
    func tombstone(_ kind: Kind, id: String) throws(StorageError) -> UInt64? {
        guard let reader = try search(section: kind.tombstones, count: kind.tombstoneCount,
                                      size: SnapshotLayout.tombstoneEntrySize, for: Array(id.utf8)) else { return nil }
        return reader.u64(32)
    }

    /// Every tombstone of `kind`, in ID order.
    func tombstones(_ kind: Kind) throws(StorageError) -> [(id: String, version: UInt64)] {
        var result: [(id: String, version: UInt64)] = []
        result.reserveCapacity(kind.tombstoneCount)
        for position in 0..<kind.tombstoneCount {
            let reader = try fields(at: kind.tombstones + position * SnapshotLayout.tombstoneEntrySize,
                                    count: SnapshotLayout.tombstoneEntrySize)
            let id = String(decoding: try string(at: reader.int(0), length: Int(reader.u32(8))), as: UTF8.self)
            result.append((id, reader.u64(32)))
        }
        return result
    }

    // MARK: - Lists

    /// The holders of `indexKey` in `kind` (all its records when `nil`), in insertion order.
    func list(_ kind: Kind, indexKey: String?) throws(StorageError) -> List? {
        guard let indexKey else { return .all(count: kind.count) }
        guard let reader = try search(section: kind.indexKeys, count: kind.indexKeyCount,
                                      size: SnapshotLayout.indexKeyEntrySize, for: Array(indexKey.utf8)) else { return nil }
        let count = Int(reader.u32(12)), offset = reader.int(32)
        guard count <= kind.count, offset <= blocks.dataEnd else { throw damaged("\(kind.name): the list of \(indexKey) is malformed") }
        return .index(offset: offset, count: count)
    }

    /// The index keys of `kind`, sorted by UTF-8 bytes, with their lists.
    func indexKeys(_ kind: Kind) throws(StorageError) -> [(key: String, list: List)] {
        var result: [(key: String, list: List)] = []
        for position in 0..<kind.indexKeyCount {
            let reader = try fields(at: kind.indexKeys + position * SnapshotLayout.indexKeyEntrySize, count: SnapshotLayout.indexKeyEntrySize)
            let key = String(decoding: try string(at: reader.int(0), length: Int(reader.u32(8))), as: UTF8.self)
            let count = Int(reader.u32(12)), offset = reader.int(32)
            guard count <= kind.count, offset <= blocks.dataEnd else { throw damaged("\(kind.name): the list of \(key) is malformed") }
            result.append((key, .index(offset: offset, count: count)))
        }
        return result
    }

    /// The position of the first index key of `kind` not before `key` (byte order; binary search).
    func firstIndexKeyPosition(_ kind: Kind, notBefore key: [UInt8]) throws(StorageError) -> Int {
        var low = 0, high = kind.indexKeyCount
        while low < high {
            let middle = low + (high - low) / 2
            let reader = try fields(at: kind.indexKeys + middle * SnapshotLayout.indexKeyEntrySize, count: SnapshotLayout.indexKeyEntrySize)
            if try compare(reader, key) < 0 { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index key at `position` of `kind`'s sorted keys.
    func indexKey(_ kind: Kind, at position: Int) throws(StorageError) -> String {
        guard position >= 0, position < kind.indexKeyCount else { throw damaged("\(kind.name): index key \(position) is out of range") }
        let reader = try fields(at: kind.indexKeys + position * SnapshotLayout.indexKeyEntrySize, count: SnapshotLayout.indexKeyEntrySize)
        return String(decoding: try string(at: reader.int(0), length: Int(reader.u32(8))), as: UTF8.self)
    }

    /// The ordinal of the record at `position` of `list`.
    func ordinal(_ kind: Kind, _ list: List, at position: Int) throws(StorageError) -> Int {
        switch list {
        case .all: return position
        case .index(let offset, let count):
            guard position >= 0, position < count else { throw damaged("\(kind.name): list position \(position) is out of range") }
            let ordinal = Int(try fields(at: offset + 4 * position, count: 4).u32(0))
            guard ordinal < kind.count else { throw damaged("\(kind.name): an index list names record \(ordinal) of \(kind.count)") }
            return ordinal
        }
    }

    /// The first position of `list` whose record's sequence is greater than `sequence` (binary search).
    func firstPosition(_ kind: Kind, _ list: List, after sequence: UInt64) throws(StorageError) -> Int {
        var low = 0, high = list.count
        while low < high {
            let middle = low + (high - low) / 2
            if try entry(kind, try ordinal(kind, list, at: middle)).sequence <= sequence { low = middle + 1 } else { high = middle }
        }
        return low
    }

    // MARK: - Unique keys

    /// The kind and entry of the record holding `uniqueKey` in the snapshot, or `nil`.
    func owner(of uniqueKey: String) throws(StorageError) -> (Kind, Entry)? {
        guard let reader = try search(section: uniqueOffset, count: uniqueCount, size: SnapshotLayout.uniqueEntrySize,
                                      for: Array(uniqueKey.utf8)) else { return nil }
        let number = Int(reader.u32(12))
        guard number < kindNames.count, let kind = kinds[kindNames[number]] else {
            throw damaged("the unique key \(uniqueKey) names kind \(number) of \(kindNames.count)")
        }
        return (kind, try entry(kind, Int(reader.u32(32))))
    }
}

/// Little-endian fields of a fixed-width entry already read.
struct FieldReader {
    let bytes: [UInt8]

    func u32(_ offset: Int) -> UInt32 {
        bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
    }

    func u64(_ offset: Int) -> UInt64 {
        bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
    }

    /// A u64 as an offset; `Int.max` (outside every file) when it does not fit.
    func int(_ offset: Int) -> Int {
        let value = u64(offset)
        return value > UInt64(Int.max) ? Int.max : Int(value)
    }
}
