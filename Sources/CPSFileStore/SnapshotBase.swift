import Foundation

/// A snapshot of format version 4 read in place (R-ADP-1, issue 17 item 1): nothing is decoded on
/// open but the footer, the block checksums and the directory; a record is found through the kind's
/// ID index (sorted by UTF-8 bytes, binary search) and decoded on first read. Reads use `pread` on a
/// descriptor kept open (nothing is mapped, so a truncated file is a typed `corrupt` error, never a
/// `SIGBUS`); every 4 KiB block is checked against its CRC-32C before use and kept in a small cache.
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

    let file: String
    let header: StorageFormat.Header
    let commitSequence: UInt64
    let nextSequence: UInt64
    let kinds: [String: Kind]
    let kindNames: [String]
    let uniqueCount: Int
    let uniqueOffset: Int
    /// Bytes covered by block checksums (everything before the checksum table).
    let dataEnd: Int
    private let fileSystem: any StorageFileSystem
    private let handle: StorageFileHandle
    private let checksums: [UInt32]
    private let cache = Locked(Cache())

    private struct Cache {
        var blocks: [Int: [UInt8]] = [:]
        var records: [RecordKey: RecordEnvelope] = [:]
        var closed = false
    }

    private struct RecordKey: Hashable {
        let kind: Int
        let ordinal: Int
    }

    static let blockCacheLimit = 4096
    static let recordCacheLimit = 65_536

    /// Opens the snapshot at `handle` (taking ownership of it): reads the footer, the checksum table
    /// and the directory, checking each; `.corrupt` on any damage.
    init(handle: StorageFileHandle, fileSystem: any StorageFileSystem, file: String) throws(StorageError) {
        self.file = file
        self.fileSystem = fileSystem
        self.handle = handle
        let size: Int
        do { size = try fileSystem.size(of: handle) } catch {
            fileSystem.close(handle)
            throw FileRecordStore.unavailable(error, "cannot read \(file)")
        }
        do throws(StorageError) {
            func damaged(_ detail: String) -> StorageError { StorageError(.corrupt, subject: file, detail: "\(file): \(detail)") }
            guard size >= StorageFormat.headerSize + SnapshotLayout.footerSize else {
                throw damaged("the snapshot is truncated (\(size) bytes)")
            }
            let footer = try Self.pread(fileSystem, handle, file, at: size - SnapshotLayout.footerSize, count: SnapshotLayout.footerSize)
            let parsed = try footer.withBytes { (raw) throws(StorageError) -> SnapshotLayout.Footer in
                guard let parsed = SnapshotLayout.decodeFooter(raw) else { throw damaged("the footer is damaged (the file may be truncated)") }
                return parsed
            }
            let blocks = SnapshotLayout.blockCount(parsed.checksumTableOffset)
            guard parsed.checksumTableOffset >= StorageFormat.headerSize,
                  parsed.checksumTableOffset + 4 * blocks + SnapshotLayout.footerSize == size,
                  parsed.directoryOffset >= StorageFormat.headerSize, parsed.directoryLength >= 0,
                  parsed.directoryOffset <= parsed.checksumTableOffset - parsed.directoryLength else {
                throw damaged("the footer's offsets do not fit the file (\(size) bytes)")
            }
            let table = try Self.pread(fileSystem, handle, file, at: parsed.checksumTableOffset, count: 4 * blocks)
            guard table.withBytes({ CRC32C.checksum($0) }) == parsed.checksumTableCRC else {
                throw damaged("the block checksum table is damaged")
            }
            checksums = table.withBytes { raw in
                (0..<blocks).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)) }
            }
            dataEnd = parsed.checksumTableOffset
            // Now block reads work.
            var headerBytes = [UInt8]()
            var directory = [UInt8]()
            var kindsByName: [String: Kind] = [:]
            var names: [String] = []
            var sequence: UInt64 = 0, next: UInt64 = 0, uniqueCount = 0, uniqueOffset = 0
            headerBytes = try Self.readVerified(fileSystem, handle, file, checksums, dataEnd, at: 0, count: StorageFormat.headerSize)
            let decodedHeader = try headerBytes.withBytes { (raw) throws(StorageError) in
                try StorageFormat.decodeHeader(raw, magic: StorageFormat.snapshotMagic, file: file)
            }
            header = decodedHeader
            guard decodedHeader.version >= StorageFormat.indexedSnapshotVersion else { throw damaged("not an indexed snapshot") }
            directory = try Self.readVerified(fileSystem, handle, file, checksums, dataEnd, at: parsed.directoryOffset,
                                              count: parsed.directoryLength)
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
                            guard value <= UInt64(Int32.max) * 16, Int(value) <= parsed.checksumTableOffset else {
                                throw FormatError(detail: "a directory value \(value) exceeds the file")
                            }
                            return Int(value)
                        }
                        let kind = Kind(name: name, number: number, count: try int(), entries: try int(), idIndex: try int(),
                                        tombstoneCount: try int(), tombstones: try int(), indexKeyCount: try int(), indexKeys: try int())
                        guard kind.count <= parsed.checksumTableOffset / SnapshotLayout.entrySize,
                              kind.tombstoneCount <= parsed.checksumTableOffset / SnapshotLayout.tombstoneEntrySize,
                              kind.indexKeyCount <= parsed.checksumTableOffset / SnapshotLayout.indexKeyEntrySize,
                              kindsByName.updateValue(kind, forKey: name) == nil else {
                            throw FormatError(detail: "the directory entry of \(name) is malformed or repeated")
                        }
                        names.append(name)
                        total += kind.count
                    }
                    let unique = try reader.u64(), offset = try reader.u64()
                    guard unique <= UInt64(parsed.checksumTableOffset / SnapshotLayout.uniqueEntrySize),
                          offset <= UInt64(parsed.checksumTableOffset), reader.isAtEnd else {
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
        } catch {
            fileSystem.close(handle)
            throw error
        }
    }

    deinit {
        if !cache.withLock({ $0.closed }) { fileSystem.close(handle) }
    }

    /// Closes the descriptor (once); later reads fail with `unavailable`.
    func close() {
        let wasOpen = cache.withLock { cache -> Bool in
            defer { cache.closed = true }
            cache.blocks = [:]
            cache.records = [:]
            return !cache.closed
        }
        if wasOpen { fileSystem.close(handle) }
    }

    private func checkOpen() throws(StorageError) {
        if cache.withLock({ $0.closed }) { throw FileRecordStore.closedError }
    }

    /// The live records the snapshot holds.
    var count: Int { Int(header.count) }

    // MARK: - Blocks

    private static func pread(_ fileSystem: any StorageFileSystem, _ handle: StorageFileHandle, _ file: String,
                              at offset: Int, count: Int) throws(StorageError) -> [UInt8] {
        var failure: FileSystemError?
        var done = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            while done < count {
                let read: Int
                do throws(FileSystemError) { read = try fileSystem.read(handle, into: UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(buffer)[done...]), at: offset + done) } catch {
                    failure = error
                    break
                }
                if read == 0 { break }
                done += read
            }
            // Zero what was not read, so the array is fully initialized.
            for index in done..<count { buffer[index] = 0 }
            initialized = count
        }
        if let failure { throw FileRecordStore.unavailable(failure, "cannot read \(file)") }
        guard done == count else {
            throw StorageError(.corrupt, subject: file, detail: "\(file): \(count) bytes at offset \(offset) are missing (the file is truncated)")
        }
        return bytes
    }

    private static func readBlock(_ fileSystem: any StorageFileSystem, _ handle: StorageFileHandle, _ file: String,
                                  _ checksums: [UInt32], _ dataEnd: Int, _ block: Int) throws(StorageError) -> [UInt8] {
        let start = block * SnapshotLayout.blockSize
        let bytes = try pread(fileSystem, handle, file, at: start, count: min(SnapshotLayout.blockSize, dataEnd - start))
        guard bytes.withBytes({ CRC32C.checksum($0) }) == checksums[block] else {
            throw StorageError(.corrupt, subject: file, detail: "\(file): the block at offset \(start) is damaged (checksum mismatch)")
        }
        return bytes
    }

    private static func readVerified(_ fileSystem: any StorageFileSystem, _ handle: StorageFileHandle, _ file: String,
                                     _ checksums: [UInt32], _ dataEnd: Int, at offset: Int, count: Int) throws(StorageError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= dataEnd - count else {
            throw StorageError(.corrupt, subject: file, detail: "\(file): \(count) bytes at offset \(offset) lie outside the snapshot")
        }
        var result: [UInt8] = []
        result.reserveCapacity(count)
        var position = offset
        while position < offset + count {
            let block = position / SnapshotLayout.blockSize
            let bytes = try readBlock(fileSystem, handle, file, checksums, dataEnd, block)
            let start = position - block * SnapshotLayout.blockSize
            let end = min(bytes.count, start + (offset + count - position))
            result.append(contentsOf: bytes[start..<end])
            position += end - start
        }
        return result
    }

    /// `count` bytes at `offset`, from checked blocks (cached).
    func bytes(at offset: Int, count: Int) throws(StorageError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= dataEnd - count else {
            throw StorageError(.corrupt, subject: file, detail: "\(file): \(count) bytes at offset \(offset) lie outside the snapshot")
        }
        var result: [UInt8] = []
        result.reserveCapacity(count)
        var position = offset
        while position < offset + count {
            let blockNumber = position / SnapshotLayout.blockSize
            let block = try self.block(blockNumber)
            let start = position - blockNumber * SnapshotLayout.blockSize
            let end = min(block.count, start + (offset + count - position))
            result.append(contentsOf: block[start..<end])
            position += end - start
        }
        return result
    }

    private func block(_ number: Int) throws(StorageError) -> [UInt8] {
        if let cached = cache.withLock({ $0.blocks[number] }) { return cached }
        try checkOpen()
        let bytes = try Self.readBlock(fileSystem, handle, file, checksums, dataEnd, number)
        cache.withLock { cache in
            if cache.blocks.count >= Self.blockCacheLimit { cache.blocks.removeAll(keepingCapacity: true) }
            cache.blocks[number] = bytes
        }
        return bytes
    }

    /// Reads every block, checking its checksum (for `cps store verify`).
    func verifyAllBlocks() throws(StorageError) {
        for number in checksums.indices {
            try checkOpen()
            _ = try Self.readBlock(fileSystem, handle, file, checksums, dataEnd, number)
        }
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
    /// starts with (offset u64, length u32): the position of the entry for `key`, or `nil`.
    private func search(section: Int, count: Int, size: Int, for key: [UInt8]) throws(StorageError) -> (Int, FieldReader)? {
        var low = 0, high = count
        while low < high {
            let middle = low + (high - low) / 2
            let reader = try fields(at: section + middle * size, count: size)
            let stored = try string(at: reader.int(0), length: Int(reader.u32(8)))
            if stored.lexicographicallyPrecedes(key) {
                low = middle + 1
            } else if key.lexicographicallyPrecedes(stored) {
                high = middle
            } else {
                return (middle, reader)
            }
        }
        return nil
    }

    /// The entry of the record `id` of `kind`, or `nil`.
    func find(_ kind: Kind, id: String) throws(StorageError) -> Entry? {
        guard let (_, reader) = try search(section: kind.idIndex, count: kind.count, size: SnapshotLayout.idIndexEntrySize,
                                           for: Array(id.utf8)) else { return nil }
        return try entry(kind, Int(reader.u32(12)))
    }

    /// The record of `entry`, decoded (and cached) on first read.
    func envelope(_ kind: Kind, _ entry: Entry, cached: Bool = true) throws(StorageError) -> RecordEnvelope {
        let key = RecordKey(kind: kind.number, ordinal: entry.ordinal)
        if cached, let hit = cache.withLock({ $0.records[key] }) { return hit }
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
            cache.withLock { cache in
                if cache.records.count >= Self.recordCacheLimit { cache.records.removeAll(keepingCapacity: true) }
                cache.records[key] = envelope
            }
        }
        return envelope
    }

    /// The last version of the deleted record `id` of `kind`, or `nil`.
    func tombstone(_ kind: Kind, id: String) throws(StorageError) -> UInt64? {
        guard let (_, reader) = try search(section: kind.tombstones, count: kind.tombstoneCount,
                                           size: SnapshotLayout.tombstoneEntrySize, for: Array(id.utf8)) else { return nil }
        return reader.u64(16)
    }

    /// Every tombstone of `kind`, in ID order.
    func tombstones(_ kind: Kind) throws(StorageError) -> [(id: String, version: UInt64)] {
        var result: [(id: String, version: UInt64)] = []
        result.reserveCapacity(kind.tombstoneCount)
        for position in 0..<kind.tombstoneCount {
            let reader = try fields(at: kind.tombstones + position * SnapshotLayout.tombstoneEntrySize,
                                    count: SnapshotLayout.tombstoneEntrySize)
            let id = String(decoding: try string(at: reader.int(0), length: Int(reader.u32(8))), as: UTF8.self)
            result.append((id, reader.u64(16)))
        }
        return result
    }

    // MARK: - Lists

    /// The holders of `indexKey` in `kind` (all its records when `nil`), in insertion order.
    func list(_ kind: Kind, indexKey: String?) throws(StorageError) -> List? {
        guard let indexKey else { return .all(count: kind.count) }
        guard let (_, reader) = try search(section: kind.indexKeys, count: kind.indexKeyCount,
                                           size: SnapshotLayout.indexKeyEntrySize, for: Array(indexKey.utf8)) else { return nil }
        let count = Int(reader.u32(12)), offset = reader.int(16)
        guard count <= kind.count, offset <= dataEnd else { throw damaged("\(kind.name): the list of \(indexKey) is malformed") }
        return .index(offset: offset, count: count)
    }

    /// The index keys of `kind`, sorted by UTF-8 bytes, with their lists.
    func indexKeys(_ kind: Kind) throws(StorageError) -> [(key: String, list: List)] {
        var result: [(key: String, list: List)] = []
        for position in 0..<kind.indexKeyCount {
            let reader = try fields(at: kind.indexKeys + position * SnapshotLayout.indexKeyEntrySize, count: SnapshotLayout.indexKeyEntrySize)
            let key = String(decoding: try string(at: reader.int(0), length: Int(reader.u32(8))), as: UTF8.self)
            let count = Int(reader.u32(12)), offset = reader.int(16)
            guard count <= kind.count, offset <= dataEnd else { throw damaged("\(kind.name): the list of \(key) is malformed") }
            result.append((key, .index(offset: offset, count: count)))
        }
        return result
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
        guard let (_, reader) = try search(section: uniqueOffset, count: uniqueCount, size: SnapshotLayout.uniqueEntrySize,
                                           for: Array(uniqueKey.utf8)) else { return nil }
        let number = Int(reader.u32(12))
        guard number < kindNames.count, let kind = kinds[kindNames[number]] else {
            throw damaged("the unique key \(uniqueKey) names kind \(number) of \(kindNames.count)")
        }
        return (kind, try entry(kind, Int(reader.u32(16))))
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
