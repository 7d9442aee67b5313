import Foundation

/// The on-disk format of ``FileRecordStore`` (R-ADP-1); `Documentation/EmbeddedStore.md` describes it.
///
/// Both files start with a 40-byte header: an 8-byte magic (`CPSJRNL1` / `CPSSNAP1`), the format
/// version (u32), flags (u32, 0), the generation (u64), a count (u64: a snapshot's records; from
/// version 3 on, a journal's base commit sequence, the last commit before its first frame) and the
/// CRC-32C of those 32 bytes (u32) plus 4 zero bytes. Then frames follow: magic `CPSR` (u32), payload
/// length (u32), CRC-32C over the length field and the payload (u32), the payload. All integers are
/// little-endian. A journal frame's payload is one committed ``WriteBatch`` (its `put`s and `delete`s;
/// checks are not journaled), from version 3 on preceded by its commit sequence (u64: the base + 1 for
/// the first frame, + 1 for each next one); a snapshot holds, from version 3 on, a state frame (tag
/// 4: the commit sequence it contains), then each kind's records in insertion order and, from version
/// 2 on, the tombstones of deleted records (R-UOW-1).
///
/// Versions: 1 (snapshots without tombstones), 2 (tombstone frames), 3 (commit sequences), 4 (issue
/// 17: snapshots of sorted, checksummed sections read in place with `pread`, ``SnapshotLayout``; the
/// journal is unchanged but for its version). This build reads all four and writes 4; the snapshot
/// frames described here are those of versions 1 to 3, read whole by ``readSnapshot(_:file:into:)``.
/// ``FileRecordStore`` upgrades an older store when it opens it for writing (one compaction).
enum StorageFormat {
    /// The format version this build writes: 4 (snapshots read in place, ``SnapshotLayout``; journals
    /// as in version 3).
    static let version: UInt32 = 4
    /// The first format version whose snapshots are read in place (``SnapshotBase``).
    static let indexedSnapshotVersion: UInt32 = 4
    /// The first format version with commit sequences.
    static let sequencedVersion: UInt32 = 3
    /// The oldest format version this build reads: 1 (snapshots without tombstones).
    static let oldestReadableVersion: UInt32 = 1
    static let journalMagic: [UInt8] = Array("CPSJRNL1".utf8)
    static let snapshotMagic: [UInt8] = Array("CPSSNAP1".utf8)
    static let headerSize = 40
    static let frameMagic: UInt32 = 0x5250_5343 // "CPSR"
    static let frameHeaderSize = 12
    /// Frames larger than this are refused on write and treated as damage on read.
    static let maximumFrameSize = 1 << 30

    struct Header: Equatable, Sendable {
        var magic: [UInt8]
        var version: UInt32
        var generation: UInt64
        var count: UInt64
    }

    // MARK: - Headers

    static func encodeHeader(_ header: Header) -> [UInt8] {
        var writer = ByteWriter(capacity: headerSize)
        writer.bytes.append(contentsOf: header.magic)
        writer.u32(header.version)
        writer.u32(0)
        writer.u64(header.generation)
        writer.u64(header.count)
        let crc = CRC32C.checksum(writer.bytes)
        writer.u32(crc)
        writer.u32(0)
        return writer.bytes
    }

    /// Reads and checks a header: the magic, then the version, then the checksum.
    static func decodeHeader(_ bytes: UnsafeRawBufferPointer, magic: [UInt8], file: String) throws(StorageError) -> Header {
        guard bytes.count >= headerSize else {
            throw StorageError(.corrupt, subject: file, detail: "\(file): the header is truncated (\(bytes.count) bytes)")
        }
        guard bytes.prefix(8).elementsEqual(magic) else {
            throw StorageError(.corrupt, subject: file, detail: "\(file) is not a CPSKit store file (bad magic)")
        }
        // The size was checked above, so these loads stay in bounds.
        func load<T: FixedWidthInteger>(_ offset: Int, as type: T.Type) -> T {
            T(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: T.self))
        }
        let version = load(8, as: UInt32.self)
        // Version 0 was never written: the file is damaged, not from a newer CPSKit.
        guard version != 0 else {
            throw StorageError(.corrupt, subject: file,
                               detail: "\(file) has format version 0, which no version of CPSKit writes: the file is damaged")
        }
        guard (oldestReadableVersion...StorageFormat.version).contains(version) else {
            throw StorageError(.unsupportedVersion, subject: file,
                               detail: "\(file) has format version \(version); this build reads versions \(oldestReadableVersion) to \(StorageFormat.version)")
        }
        guard load(32, as: UInt32.self) == CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<32])) else {
            throw StorageError(.corrupt, subject: file, detail: "\(file): the header checksum does not match")
        }
        return Header(magic: magic, version: version, generation: load(16, as: UInt64.self), count: load(24, as: UInt64.self))
    }

    // MARK: - Frames

    /// Appends a frame around the payload that `body` writes.
    static func appendFrame(to writer: inout ByteWriter, body: (inout ByteWriter) -> Void) {
        let start = writer.bytes.count
        writer.u32(frameMagic)
        writer.u32(0) // length, patched below
        writer.u32(0) // checksum, patched below
        body(&writer)
        let length = writer.bytes.count - start - frameHeaderSize
        writer.patch(UInt32(truncatingIfNeeded: length), at: start + 4)
        let crc = writer.bytes.withUnsafeBytes { raw in
            let lengthCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[(start + 4)..<(start + 8)]))
            return CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[(start + frameHeaderSize)...]), continuing: lengthCRC)
        }
        writer.patch(crc, at: start + 8)
    }

    /// The payload range of a valid frame starting at `offset`, or `nil` when the bytes there are not
    /// one (incomplete, wrong magic, absurd length, checksum mismatch).
    static func frame(in bytes: UnsafeRawBufferPointer, at offset: Int) -> Range<Int>? {
        guard offset >= 0, bytes.count - offset >= frameHeaderSize else { return nil }
        let magic = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        guard magic == frameMagic else { return nil }
        let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)))
        let start = offset + frameHeaderSize
        guard length > 0, length <= maximumFrameSize, length <= bytes.count - start else { return nil }
        let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self))
        let lengthCRC = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[(offset + 4)..<(offset + 8)]))
        let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + length)]), continuing: lengthCRC)
        return crc == stored ? start..<(start + length) : nil
    }

    /// Whether any valid frame starts after `offset` (a damaged frame followed by good ones is
    /// corruption, not a torn tail).
    static func validFrameExists(in bytes: UnsafeRawBufferPointer, after offset: Int) -> Bool {
        guard bytes.count >= frameHeaderSize else { return false }
        let magic0 = UInt8(frameMagic & 0xFF)
        var position = offset + 1
        let last = bytes.count - frameHeaderSize
        while position <= last {
            if bytes[position] == magic0, frame(in: bytes, at: position) != nil { return true }
            position += 1
        }
        return false
    }

    // MARK: - Batches (journal payloads)

    /// Appends the journal frame of `batch`, committed as `sequence` (format version 3).
    static func encodeBatch(_ batch: WriteBatch, sequence: UInt64, into writer: inout ByteWriter) {
        appendFrame(to: &writer) { writer in
            writer.u64(sequence)
            // Checks change nothing, so the journal records only the writes that replay applies.
            let writes = batch.writes.filter(\.changesState)
            writer.u32(UInt32(truncatingIfNeeded: writes.count))
            for write in writes {
                switch write {
                case .put(let envelope, let expected):
                    writer.u8(1)
                    writer.u64(expected)
                    writer.string(envelope.kind)
                    writer.string(envelope.id)
                    writer.data(envelope.payload)
                    writer.strings(envelope.uniqueKeys)
                    writer.strings(envelope.indexKeys)
                case .delete(let kind, let id, let expected):
                    writer.u8(2)
                    writer.u64(expected)
                    writer.string(kind)
                    writer.string(id)
                case .check:
                    continue
                }
            }
        }
    }

    /// Decodes a journal frame's payload: its commit sequence (`nil` before version 3) and batch.
    static func decodeBatch(_ bytes: UnsafeRawBufferPointer, payload: Range<Int>,
                            version: UInt32 = StorageFormat.version) throws(FormatError) -> (sequence: UInt64?, batch: WriteBatch) {
        var reader = ByteReader(bytes, from: payload.lowerBound, to: payload.upperBound)
        let sequence: UInt64? = version >= sequencedVersion ? try reader.u64() : nil
        let count = try reader.count(minimumSize: 17)
        guard count > 0 else { throw FormatError(detail: "an empty batch at offset \(payload.lowerBound)") }
        var writes: [RecordWrite] = []
        writes.reserveCapacity(count)
        for _ in 0..<count {
            let tag = try reader.u8()
            let expected = try reader.u64()
            let kind = try reader.string()
            let id = try reader.string()
            switch tag {
            case 1:
                let payloadData = try reader.data()
                let unique = try reader.strings()
                let index = try reader.strings()
                let envelope = RecordEnvelope(kind: kind, id: id, version: expected &+ 1, payload: payloadData,
                                              uniqueKeys: unique, indexKeys: index)
                writes.append(.put(envelope, expectedVersion: expected))
            case 2:
                writes.append(.delete(kind: kind, id: id, expectedVersion: expected))
            default:
                throw FormatError(detail: "unknown write tag \(tag)")
            }
        }
        guard reader.isAtEnd else { throw FormatError(detail: "\(reader.remaining) extra bytes after a batch") }
        return (sequence, WriteBatch(writes))
    }

    // MARK: - Journal

    /// What a journal holds: its header, the end of its last valid frame, and whether a torn tail
    /// follows it.
    struct JournalContents: Sendable {
        var header: Header
        var validLength: Int
        var batchCount: Int
        var droppedBytes: Int
        /// The commits begun in the dropped tail: frame headers with the magic found in it, at least
        /// one when the tail starts with the magic (R-ADP-1).
        var droppedCommits: Int
    }

    /// One committed frame of a journal: its offset, commit sequence (`nil` before version 3) and batch.
    struct JournalFrame: Sendable {
        let offset: Int
        let sequence: UInt64?
        let batch: WriteBatch
    }

    /// How many frames begin in a torn tail starting at `offset`: frame magics at frame boundaries,
    /// following each plausible length (R-ADP-1). A tail of zeros counts none.
    static func framesBegun(in bytes: UnsafeRawBufferPointer, from offset: Int) -> Int {
        var position = offset
        var count = 0
        while position >= 0, bytes.count - position >= 4 {
            let magic = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
            guard magic == frameMagic else { break }
            count += 1
            guard bytes.count - position >= 8 else { break }
            let length = Int(UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: position + 4, as: UInt32.self)))
            guard length > 0, length <= maximumFrameSize else { break }
            position += frameHeaderSize + length
        }
        // Bytes that are not a frame header still held a write in progress.
        return count == 0 && bytes.count > offset && bytes[offset...].contains(where: { $0 != 0 }) ? 1 : count
    }

    /// Decodes a journal, handing each committed batch to `apply` in order.
    ///
    /// Recovery rules: frames are read until the first one that is incomplete or fails its checks.
    /// If no valid frame follows it, it is a torn tail (a write interrupted by a crash) and is
    /// dropped. If a valid frame follows it, committed data is damaged: `.corrupt`, never silent loss.
    /// A frame whose checksum matches but whose batch does not decode is `.corrupt` too.
    static func readJournal(_ bytes: UnsafeRawBufferPointer, file: String = "journal",
                            apply: (JournalFrame) throws(StorageError) -> Void) throws(StorageError) -> JournalContents {
        let header = try decodeHeader(bytes, magic: journalMagic, file: file)
        var offset = headerSize
        var batches = 0
        while offset < bytes.count {
            guard let payload = frame(in: bytes, at: offset) else {
                if validFrameExists(in: bytes, after: offset) {
                    throw StorageError(.corrupt, subject: file,
                                       detail: "\(file): the frame at offset \(offset) is damaged but committed frames follow it")
                }
                return JournalContents(header: header, validLength: offset, batchCount: batches,
                                       droppedBytes: bytes.count - offset, droppedCommits: framesBegun(in: bytes, from: offset))
            }
            let decoded: (sequence: UInt64?, batch: WriteBatch)
            do throws(FormatError) {
                decoded = try decodeBatch(bytes, payload: payload, version: header.version)
            } catch {
                throw StorageError(.corrupt, subject: file, detail: "\(file): frame at offset \(offset): \(error.detail)")
            }
            try apply(JournalFrame(offset: offset, sequence: decoded.sequence, batch: decoded.batch))
            batches += 1
            offset = payload.upperBound
        }
        return JournalContents(header: header, validLength: offset, batchCount: batches, droppedBytes: 0, droppedCommits: 0)
    }

    // MARK: - Snapshots

    /// Records per snapshot frame (and tombstones per tombstone frame).
    static let snapshotChunk = 1024
    private static let kindFrameTag: UInt8 = 1
    private static let recordsFrameTag: UInt8 = 2
    private static let tombstonesFrameTag: UInt8 = 3
    private static let stateFrameTag: UInt8 = 4
    /// The smallest encoded record: sequence, ID, version, payload, two key lists.
    private static let minimumRecordSize = 8 + 4 + 8 + 4 + 4 + 4
    /// The smallest encoded tombstone: ID, version.
    private static let minimumTombstoneSize = 4 + 8

    /// A whole snapshot file handed to `emit` in pieces of about 1 MiB, so a large store is never
    /// encoded into one buffer. Records are grouped by kind: a kind frame (tag 1: the kind, its
    /// record count and unique-key count, so loading reserves its tables once), then record frames
    /// (tag 2: a count, then per record its insertion sequence, ID, version, payload, unique keys,
    /// index keys), in insertion order. Before them (version 3) a state frame (tag 4: the commit
    /// sequence the snapshot contains). After every kind, tombstone frames (tag 3, version 2: the kind,
    /// a count, then per deleted record its ID and last version; R-UOW-1).
    ///
    /// This build writes version 4 (``SnapshotWriter``); this writer of version 3 is kept for tests
    /// that build older stores, and reads only the in-memory tables (a table without a snapshot base).
    static func encodeVersionThreeSnapshot<E: Error>(_ table: RecordTable, generation: UInt64, commitSequence: UInt64,
                                         emit: ([UInt8]) throws(E) -> Void) throws(E) {
        var writer = ByteWriter(capacity: 1 << 20 + 65_536)
        writer.bytes.append(contentsOf: encodeHeader(Header(magic: snapshotMagic, version: sequencedVersion,
                                                            generation: generation, count: UInt64(table.count))))
        // Version 3: the state frame first, with the last commit the snapshot contains.
        appendFrame(to: &writer) { writer in
            writer.u8(stateFrameTag)
            writer.u64(commitSequence)
        }
        func flushIfLarge() throws(E) {
            if writer.bytes.count >= 1 << 20 {
                try emit(writer.bytes)
                writer.bytes.removeAll(keepingCapacity: true)
            }
        }
        for (kind, kindTable) in table.kinds where !kindTable.entries.isEmpty {
            let uniqueCount = kindTable.entries.values.reduce(0) { $0 + $1.envelope.uniqueKeys.count }
            appendFrame(to: &writer) { writer in
                writer.u8(kindFrameTag)
                writer.string(kind)
                writer.u64(UInt64(kindTable.entries.count))
                writer.u64(UInt64(uniqueCount))
            }
            // The kind's order list holds a live slot for every record: walk it, skipping stale slots.
            var slots = kindTable.order.slots.makeIterator()
            func nextEntry() -> RecordTable.Entry? {
                while let slot = slots.next() {
                    if let entry = kindTable.entries[slot.id], entry.sequence == slot.sequence { return entry }
                }
                return nil
            }
            var remaining = kindTable.entries.count
            while remaining > 0 {
                let chunk = min(remaining, snapshotChunk)
                appendFrame(to: &writer) { writer in
                    writer.u8(recordsFrameTag)
                    writer.u32(UInt32(chunk))
                    for _ in 0..<chunk {
                        guard let entry = nextEntry() else { break }
                        writer.u64(entry.sequence)
                        writer.string(entry.envelope.id)
                        writer.u64(entry.envelope.version)
                        writer.data(entry.envelope.payload)
                        writer.strings(entry.envelope.uniqueKeys)
                        writer.strings(entry.envelope.indexKeys)
                    }
                }
                remaining -= chunk
                try flushIfLarge()
            }
        }
        for (kind, kindTable) in table.kinds where !kindTable.tombstones.isEmpty {
            var tombstones = kindTable.tombstones.makeIterator()
            var remaining = kindTable.tombstones.count
            while remaining > 0 {
                let chunk = min(remaining, snapshotChunk)
                appendFrame(to: &writer) { writer in
                    writer.u8(tombstonesFrameTag)
                    writer.string(kind)
                    writer.u32(UInt32(chunk))
                    for _ in 0..<chunk {
                        guard let (id, version) = tombstones.next() else { break }
                        writer.string(id)
                        writer.u64(version)
                    }
                }
                remaining -= chunk
                try flushIfLarge()
            }
        }
        if !writer.bytes.isEmpty { try emit(writer.bytes) }
    }

    /// Decodes a snapshot of format version 1, 2 or 3 into `table`. A snapshot is written atomically
    /// (temp file, fsync, rename), so any damage is `.corrupt`. A large kind is decoded and indexed on
    /// two threads. Records of a version-1 snapshot (not in insertion order) are sorted first.
    /// What a snapshot's header and state frame say.
    struct SnapshotContents: Sendable {
        var header: Header
        /// The last commit the snapshot contains (0 before version 3).
        var commitSequence: UInt64
    }

    static func readSnapshot(_ bytes: [UInt8], file: String = "snapshot",
                             into table: inout RecordTable) throws(StorageError) -> SnapshotContents {
        let header = try bytes.withBytes { (raw) throws(StorageError) in try decodeHeader(raw, magic: snapshotMagic, file: file) }
        var offset = headerSize
        var loaded: UInt64 = 0
        var seenKinds = Set<String>()
        var inTombstones = false
        var commitSequence: UInt64?
        let plausible = bytes.count / minimumRecordSize
        do throws(FormatError) {
            while offset < bytes.count {
                let top = try bytes.withBytes { (raw) throws(FormatError) in try readTopFrame(raw, at: offset, plausible: plausible) }
                if header.version >= sequencedVersion, commitSequence == nil {
                    guard case .state(let sequence, let end) = top else { throw FormatError(detail: "the state frame is missing") }
                    commitSequence = sequence
                    offset = end
                    continue
                }
                switch top {
                case .state:
                    throw FormatError(detail: "an unexpected state frame at offset \(offset)")
                case .tombstones(let kind, let tombstones, let end):
                    guard header.version >= 2 else { throw FormatError(detail: "a tombstone frame in a version-1 snapshot") }
                    inTombstones = true
                    for (id, version) in tombstones {
                        // The table being loaded has no snapshot base, so its reads cannot fail.
                        guard version > 0, (try? table.record(kind: kind, id: id)) ?? nil == nil,
                              (try? table.tombstone(kind: kind, id: id)) ?? nil == nil else {
                            throw FormatError(detail: "the tombstone of \(kind) \(id) is invalid or repeated, or the record is live")
                        }
                    }
                    table.installTombstones(kind, tombstones)
                    offset = end
                case .kind(let kindFrame):
                    guard !inTombstones else { throw FormatError(detail: "the kind \(kindFrame.kind) follows the tombstones") }
                    guard seenKinds.insert(kindFrame.kind).inserted else {
                        throw FormatError(detail: "the kind \(kindFrame.kind) appears twice")
                    }
                    offset = kindFrame.end
                    let records: Int
                    (records, offset) = try readKind(kindFrame, bytes, at: offset, into: &table)
                    loaded += UInt64(records)
                }
            }
            if header.version >= sequencedVersion, commitSequence == nil { throw FormatError(detail: "the state frame is missing") }
            guard loaded == header.count, UInt64(table.count) == header.count else {
                throw FormatError(detail: "holds \(table.count) distinct of \(loaded) records, the header says \(header.count)")
            }
        } catch {
            throw StorageError(.corrupt, subject: file, detail: "\(file): \(error.detail)")
        }
        return SnapshotContents(header: header, commitSequence: commitSequence ?? 0)
    }

    /// Reads the record frames of one kind starting at `offset`, installs the kind, and returns its
    /// record count and the offset after it.
    private static func readKind(_ kindFrame: KindFrame, _ bytes: [UInt8], at start: Int,
                                 into table: inout RecordTable) throws(FormatError) -> (Int, Int) {
        var offset = start
        // Find the kind's record frames (checksums are verified while decoding them).
        var frames: [RecordFrame] = []
        var records = 0
        while records < kindFrame.count {
            let next = try bytes.withBytes { (raw) throws(FormatError) in try peekRecordFrame(raw, at: offset) }
            frames.append(next)
            records += next.records
            offset = next.end
        }
        guard records == kindFrame.count else {
            throw FormatError(detail: "\(kindFrame.kind) has \(records) records, its frame says \(kindFrame.count)")
        }
        let kind = kindFrame.kind
        var parts: [[LoadedRecord]]
        if records >= parallelThreshold, frames.count >= 2 {
            // Halves by record count, decoded in parallel.
            var split = 0, firstHalf = 0
            while split < frames.count - 1, firstHalf + frames[split].records <= records / 2 {
                firstHalf += frames[split].records
                split += 1
            }
            let head = Array(frames[..<max(split, 1)]), tail = Array(frames[max(split, 1)...])
            let (first, second) = inParallel({ decodeRecords(bytes, frames: head, kind: kind) },
                                             { decodeRecords(bytes, frames: tail, kind: kind) })
            parts = [try first.get(), try second.get()]
        } else {
            parts = [try decodeRecords(bytes, frames: frames, kind: kind).get()]
        }
        if !inInsertionOrder(parts) {
            // Version 1 wrote a kind's records in hash order.
            parts = [parts.joined().sorted { $0.sequence < $1.sequence }]
            guard inInsertionOrder(parts) else { throw FormatError(detail: "two records of \(kind) share an insertion sequence") }
        }
        let loadedKind: LoadedKind
        if records >= parallelThreshold, parts.count == 2 {
            // The records table and the unique keys on this thread while the other builds the order
            // and index lists, so the two threads finish together.
            let shared = parts
            let (tables, lists) = inParallel({ buildEntries(shared, kind: kind, capacity: records,
                                                            uniqueCapacity: kindFrame.uniqueCount) },
                                             { buildLists(shared) })
            loadedKind = LoadedKind(entries: tables.entries, owners: tables.owners, order: lists.order, index: lists.index)
        } else {
            let tables = buildEntries(parts, kind: kind, capacity: records, uniqueCapacity: kindFrame.uniqueCount)
            let lists = buildLists(parts)
            loadedKind = LoadedKind(entries: tables.entries, owners: tables.owners, order: lists.order, index: lists.index)
        }
        table.installKind(kind, entries: loadedKind.entries, order: loadedKind.order, index: loadedKind.index,
                          owners: loadedKind.owners, highestSequence: loadedKind.order.slots.last?.sequence ?? 0)
        return (records, offset)
    }

    /// Whether the records of `parts`, read in turn, have strictly ascending sequences.
    private static func inInsertionOrder(_ parts: [[LoadedRecord]]) -> Bool {
        var previous: UInt64?
        for part in parts {
            for record in part {
                if let previous, previous >= record.sequence { return false }
                previous = record.sequence
            }
        }
        return true
    }

    /// Kinds with at least this many records load on two threads.
    static let parallelThreshold = 50_000

    private struct KindFrame {
        let kind: String
        let count: Int
        let uniqueCount: Int
        let end: Int
    }

    private enum TopFrame {
        case kind(KindFrame)
        case tombstones(kind: String, [String: UInt64], end: Int)
        case state(commitSequence: UInt64, end: Int)
    }

    private struct RecordFrame: Sendable {
        let start: Int
        let records: Int
        let end: Int
    }

    struct LoadedRecord: Sendable {
        let envelope: RecordEnvelope
        let sequence: UInt64
    }

    private struct LoadedKind {
        let entries: [String: RecordTable.Entry]
        let owners: [String: RecordTable.Key]
        let order: SequenceList
        let index: [String: SequenceList]
    }

    /// A kind frame or a tombstone frame at `offset`.
    private static func readTopFrame(_ bytes: UnsafeRawBufferPointer, at offset: Int, plausible: Int) throws(FormatError) -> TopFrame {
        guard let payload = frame(in: bytes, at: offset) else {
            throw FormatError(detail: "the frame at offset \(offset) is damaged")
        }
        var reader = ByteReader(bytes, from: payload.lowerBound, to: payload.upperBound)
        switch try reader.u8() {
        case kindFrameTag:
            let kind = try reader.string()
            let count = try reader.u64()
            let uniqueCount = try reader.u64()
            guard reader.isAtEnd, count > 0, count <= UInt64(plausible) else {
                throw FormatError(detail: "a malformed kind frame at offset \(offset)")
            }
            return .kind(KindFrame(kind: kind, count: Int(count), uniqueCount: Int(min(uniqueCount, UInt64(plausible))),
                                   end: payload.upperBound))
        case stateFrameTag:
            let sequence = try reader.u64()
            guard reader.isAtEnd else { throw FormatError(detail: "a malformed state frame at offset \(offset)") }
            return .state(commitSequence: sequence, end: payload.upperBound)
        case tombstonesFrameTag:
            let kind = try reader.string()
            let count = Int(try reader.u32())
            guard count > 0, count <= reader.remaining / minimumTombstoneSize else {
                throw FormatError(detail: "a malformed tombstone frame at offset \(offset)")
            }
            var tombstones: [String: UInt64] = [:]
            tombstones.reserveCapacity(count)
            for _ in 0..<count {
                let id = try reader.string()
                guard tombstones.updateValue(try reader.u64(), forKey: id) == nil else {
                    throw FormatError(detail: "the tombstone of \(kind) \(id) appears twice")
                }
            }
            guard reader.isAtEnd else { throw FormatError(detail: "extra bytes in the frame at offset \(offset)") }
            return .tombstones(kind: kind, tombstones, end: payload.upperBound)
        default:
            throw FormatError(detail: "expected a kind or tombstone frame at offset \(offset)")
        }
    }

    /// A record frame's extent and record count, without verifying its checksum yet.
    private static func peekRecordFrame(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FormatError) -> RecordFrame {
        var reader = ByteReader(bytes, from: offset)
        let magic = try reader.u32()
        let length = Int(try reader.u32())
        _ = try reader.u32()
        guard magic == frameMagic, length >= 5, length <= reader.remaining else {
            throw FormatError(detail: "the frame at offset \(offset) is damaged")
        }
        guard try reader.u8() == recordsFrameTag else { throw FormatError(detail: "expected a record frame at offset \(offset)") }
        let records = Int(try reader.u32())
        guard records > 0, records <= length / minimumRecordSize else {
            throw FormatError(detail: "a malformed record frame at offset \(offset)")
        }
        return RecordFrame(start: offset, records: records, end: offset + frameHeaderSize + length)
    }

    private static func decodeRecords(_ bytes: [UInt8], frames: [RecordFrame], kind: String) -> Result<[LoadedRecord], FormatError> {
        Result { () throws(FormatError) -> [LoadedRecord] in
            try bytes.withBytes { (raw) throws(FormatError) -> [LoadedRecord] in
                var records: [LoadedRecord] = []
                records.reserveCapacity(frames.reduce(0) { $0 + $1.records })
                for recordFrame in frames {
                    guard let payload = frame(in: raw, at: recordFrame.start), payload.upperBound == recordFrame.end else {
                        throw FormatError(detail: "the frame at offset \(recordFrame.start) is damaged")
                    }
                    var reader = ByteReader(raw, from: payload.lowerBound + 5, to: payload.upperBound)
                    for _ in 0..<recordFrame.records {
                        let sequence = try reader.u64()
                        let id = try reader.string()
                        let version = try reader.u64()
                        let payloadData = try reader.data()
                        let unique = try reader.strings()
                        let index = try reader.strings()
                        records.append(LoadedRecord(envelope: RecordEnvelope(kind: kind, id: id, version: version, payload: payloadData,
                                                                             uniqueKeys: unique, indexKeys: index),
                                                    sequence: sequence))
                    }
                    guard reader.isAtEnd else { throw FormatError(detail: "extra bytes in the frame at offset \(recordFrame.start)") }
                }
                return records
            }
        }
    }

    /// The records table and the unique-key owners of one kind, in record order.
    private static func buildEntries(_ parts: [[LoadedRecord]], kind: String, capacity: Int, uniqueCapacity: Int)
        -> (entries: [String: RecordTable.Entry], owners: [String: RecordTable.Key]) {
        var entries: [String: RecordTable.Entry] = [:]
        entries.reserveCapacity(capacity)
        var owners: [String: RecordTable.Key] = [:]
        owners.reserveCapacity(uniqueCapacity)
        for part in parts {
            for record in part {
                entries[record.envelope.id] = RecordTable.Entry(envelope: record.envelope, sequence: record.sequence)
                if !record.envelope.uniqueKeys.isEmpty {
                    let key = RecordTable.Key(kind: kind, id: record.envelope.id)
                    for unique in record.envelope.uniqueKeys { owners[unique] = key }
                }
            }
        }
        return (entries, owners)
    }

    /// The order list and the index lists (index key → holders) of one kind, from records in
    /// insertion order: appending keeps every list sorted.
    private static func buildLists(_ parts: [[LoadedRecord]]) -> (order: SequenceList, index: [String: SequenceList]) {
        var order: [SequenceList.Slot] = []
        order.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        var groups: [String: [SequenceList.Slot]] = [:]
        for part in parts {
            for record in part {
                let slot = SequenceList.Slot(sequence: record.sequence, id: record.envelope.id)
                order.append(slot)
                let keys = record.envelope.indexKeys
                for position in keys.indices where position == 0 || !keys[..<position].contains(keys[position]) {
                    groups[keys[position], default: []].append(slot)
                }
            }
        }
        var index: [String: SequenceList] = [:]
        index.reserveCapacity(groups.count)
        for (indexKey, slots) in groups { index[indexKey] = SequenceList(sortedSlots: slots) }
        return (SequenceList(sortedSlots: order), index)
    }
}
