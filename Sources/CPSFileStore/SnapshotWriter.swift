import Foundation

/// Writes a snapshot of format version 4 (``SnapshotLayout``) from a ``RecordTable`` (R-ADP-1, issue
/// 17 item 1), streaming it to `emit` in pieces of about 1 MiB: record blobs first (read from the
/// table's snapshot or overlay one at a time), then the strings and the sorted sections, the
/// directory, the block checksums and the footer.
enum SnapshotWriter {
    /// Why writing stopped: the table's own snapshot could not be read, or `emit` failed.
    enum Failure: Error {
        case read(StorageError)
        case write(FileSystemError)
    }

    private struct Record {
        let sequence: UInt64
        let version: UInt64
        let dataOffset: Int
        let dataLength: Int
        let id: String
        var idOffset = 0
    }

    /// The bytes written so far, with the checksum of every complete 4 KiB block.
    private struct Stream {
        var buffer: [UInt8] = []
        var offset = 0
        var checksums: [UInt32] = []
        var blockCRC: UInt32 = 0
        let emit: ([UInt8]) throws(FileSystemError) -> Void

        init(emit: @escaping ([UInt8]) throws(FileSystemError) -> Void) {
            self.emit = emit
            buffer.reserveCapacity(1 << 20 + 65_536)
        }

        mutating func append(_ bytes: [UInt8]) throws(Failure) {
            bytes.withUnsafeBytes { raw in
                var start = 0
                while start < raw.count {
                    let room = SnapshotLayout.blockSize - offset % SnapshotLayout.blockSize
                    let end = min(raw.count, start + room)
                    blockCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[start..<end]), continuing: blockCRC)
                    offset += end - start
                    if offset % SnapshotLayout.blockSize == 0 {
                        checksums.append(blockCRC)
                        blockCRC = 0
                    }
                    start = end
                }
            }
            buffer.append(contentsOf: bytes)
            if buffer.count >= 1 << 20 { try flush() }
        }

        /// Appends a string and returns its offset.
        mutating func string(_ value: String) throws(Failure) -> Int {
            let at = offset
            try append(Array(value.utf8))
            return at
        }

        mutating func flush() throws(Failure) {
            guard !buffer.isEmpty else { return }
            do { try emit(buffer) } catch { throw .write(error) }
            buffer.removeAll(keepingCapacity: true)
        }

        /// Ends the checked part: the checksum table and the footer follow, unchecked by blocks.
        mutating func finish(directoryOffset: Int, directoryLength: Int) throws(Failure) {
            if offset % SnapshotLayout.blockSize != 0 { checksums.append(blockCRC) }
            let (table, pages) = SnapshotLayout.checksumTables(checksums)
            let footer = SnapshotLayout.encodeFooter(SnapshotLayout.Footer(
                checksumTableOffset: offset, directoryOffset: directoryOffset, directoryLength: directoryLength,
                pageListCRC: CRC32C.checksum(pages)))
            buffer.append(contentsOf: table)
            buffer.append(contentsOf: pages)
            buffer.append(contentsOf: footer)
            try flush()
        }
    }

    private static func precedes(_ left: String, _ right: String) -> Bool {
        left.utf8.lexicographicallyPrecedes(right.utf8)
    }

    /// The head of a sorted entry: string offset, length, `field`, the string's first 16 bytes.
    private static func sortedHead(_ section: inout ByteWriter, offset: Int, _ string: String, field: UInt32) {
        section.u64(UInt64(offset))
        section.u32(UInt32(string.utf8.count))
        section.u32(field)
        var prefix = Array(string.utf8.prefix(SnapshotLayout.prefixSize))
        prefix += [UInt8](repeating: 0, count: SnapshotLayout.prefixSize - prefix.count)
        section.bytes.append(contentsOf: prefix)
    }

    static func write(_ table: RecordTable, generation: UInt64, commitSequence: UInt64,
                      emit: @escaping ([UInt8]) throws(FileSystemError) -> Void) throws(Failure) {
        var stream = Stream(emit: emit)
        try stream.append(StorageFormat.encodeHeader(StorageFormat.Header(
            magic: StorageFormat.snapshotMagic, version: StorageFormat.version, generation: generation, count: UInt64(table.count))))
        let names = table.allKindNames
        var records: [[Record]] = []
        var indexLists: [[String: [UInt32]]] = []
        var uniqueKeys: [(key: String, kind: UInt32, ordinal: UInt32)] = []
        // 1. Record blobs, kind by kind in insertion order.
        for (number, kind) in names.enumerated() {
            var kindRecords: [Record] = []
            var lists: [String: [UInt32]] = [:]
            var failure: Failure?
            do throws(StorageError) {
                try table.forEachLive(kind: kind) { envelope, sequence in
                    guard failure == nil else { return }
                    let ordinal = UInt32(truncatingIfNeeded: kindRecords.count)
                    var blob = ByteWriter(capacity: envelope.payload.count + 64)
                    blob.string(envelope.id)
                    blob.data(envelope.payload)
                    blob.strings(envelope.uniqueKeys)
                    blob.strings(envelope.indexKeys)
                    kindRecords.append(Record(sequence: sequence, version: envelope.version, dataOffset: stream.offset,
                                              dataLength: blob.bytes.count, id: envelope.id))
                    do throws(Failure) { try stream.append(blob.bytes) } catch { failure = error }
                    for (position, key) in envelope.indexKeys.enumerated() where !envelope.indexKeys[..<position].contains(key) {
                        lists[key, default: []].append(ordinal)
                    }
                    for key in envelope.uniqueKeys { uniqueKeys.append((key, UInt32(number), ordinal)) }
                }
            } catch {
                throw .read(error)
            }
            if let failure { throw failure }
            records.append(kindRecords)
            indexLists.append(lists)
        }
        let tombstones: [[(id: String, version: UInt64)]]
        do throws(StorageError) {
            tombstones = try names.map { (kind) throws(StorageError) in
                try table.allTombstones(kind: kind).sorted { precedes($0.id, $1.id) }
            }
        } catch {
            throw .read(error)
        }
        // 2. Strings.
        for number in names.indices {
            for index in records[number].indices { records[number][index].idOffset = try stream.string(records[number][index].id) }
        }
        var tombstoneOffsets: [[Int]] = []
        for list in tombstones {
            var offsets: [Int] = []
            for tombstone in list { offsets.append(try stream.string(tombstone.id)) }
            tombstoneOffsets.append(offsets)
        }
        var sortedKeys: [[(key: String, offset: Int)]] = []
        for lists in indexLists {
            var keys: [(key: String, offset: Int)] = []
            for key in lists.keys.sorted(by: precedes) { keys.append((key, try stream.string(key))) }
            sortedKeys.append(keys)
        }
        uniqueKeys.sort { precedes($0.key, $1.key) }
        var uniqueOffsets: [Int] = []
        uniqueOffsets.reserveCapacity(uniqueKeys.count)
        for unique in uniqueKeys { uniqueOffsets.append(try stream.string(unique.key)) }
        // 3. Per kind: entries, ID index, tombstones, index lists, index keys.
        var directory = ByteWriter(capacity: 256)
        directory.u64(commitSequence)
        directory.u64(table.nextInsertionSequence)
        directory.u32(UInt32(names.count))
        for (number, kind) in names.enumerated() {
            let kindRecords = records[number]
            let entriesOffset = stream.offset
            var section = ByteWriter(capacity: 1 << 16)
            func spill() throws(Failure) {
                if section.bytes.count >= 1 << 16 {
                    try stream.append(section.bytes)
                    section.bytes.removeAll(keepingCapacity: true)
                }
            }
            func close() throws(Failure) {
                try stream.append(section.bytes)
                section.bytes.removeAll(keepingCapacity: true)
            }
            for record in kindRecords {
                section.u64(record.sequence)
                section.u64(record.version)
                section.u64(UInt64(record.dataOffset))
                section.u32(UInt32(record.dataLength))
                section.u32(UInt32(record.id.utf8.count))
                section.u64(UInt64(record.idOffset))
                try spill()
            }
            try close()
            let idIndexOffset = stream.offset
            let byID = kindRecords.indices.sorted { precedes(kindRecords[$0].id, kindRecords[$1].id) }
            for ordinal in byID {
                sortedHead(&section, offset: kindRecords[ordinal].idOffset, kindRecords[ordinal].id, field: UInt32(ordinal))
                try spill()
            }
            try close()
            let tombstonesOffset = stream.offset
            for (position, tombstone) in tombstones[number].enumerated() {
                sortedHead(&section, offset: tombstoneOffsets[number][position], tombstone.id, field: 0)
                section.u64(tombstone.version)
                try spill()
            }
            try close()
            var listOffsets: [Int] = []
            for (key, _) in sortedKeys[number] {
                listOffsets.append(stream.offset + section.bytes.count)
                for ordinal in indexLists[number][key] ?? [] { section.u32(ordinal) }
                try spill()
            }
            try close()
            let indexKeysOffset = stream.offset
            for (position, (key, offset)) in sortedKeys[number].enumerated() {
                sortedHead(&section, offset: offset, key, field: UInt32(indexLists[number][key]?.count ?? 0))
                section.u64(UInt64(listOffsets[position]))
                try spill()
            }
            try close()
            directory.string(kind)
            for value in [kindRecords.count, entriesOffset, idIndexOffset, tombstones[number].count, tombstonesOffset,
                          sortedKeys[number].count, indexKeysOffset] {
                directory.u64(UInt64(value))
            }
        }
        // 4. Unique keys, the directory, the checksums and the footer.
        let uniqueOffset = stream.offset
        var section = ByteWriter(capacity: 24 * min(uniqueKeys.count, 4096))
        for (position, unique) in uniqueKeys.enumerated() {
            sortedHead(&section, offset: uniqueOffsets[position], unique.key, field: unique.kind)
            section.u32(unique.ordinal)
            section.u32(0)
            if section.bytes.count >= 1 << 16 {
                try stream.append(section.bytes)
                section.bytes.removeAll(keepingCapacity: true)
            }
        }
        try stream.append(section.bytes)
        directory.u64(UInt64(uniqueKeys.count))
        directory.u64(UInt64(uniqueOffset))
        let directoryOffset = stream.offset
        try stream.append(directory.bytes)
        try stream.finish(directoryOffset: directoryOffset, directoryLength: directory.bytes.count)
    }
}
