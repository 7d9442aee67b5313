import Foundation

/// The state of one fast binary encoding (R-ADP-1, issue 17 item 2), shared by the `Encoder` and
/// containers of ``BinaryPayloadEncoder``: one growing byte buffer the values are written straight
/// into, a stack of the values still open (``Frame``) and a stack of the start offsets of the open
/// keyed values' fields.
///
/// A keyed value writes `key, value` per field in call order; when it closes, it writes its field
/// count into the byte reserved for it (shifting its bytes only when the count needs more than one
/// byte) and, if its fields were not already in key order, reorders its bytes once through a scratch
/// buffer. A container whose value has closed (used out of order), a key written twice, or a mix of
/// container kinds on one encoder marks the state ``abandoned``: the caller then encodes the value
/// again with the reference tree encoder (``EncodingNode``), so the bytes are always the same.
///
/// The coding path is not kept on the way: ``codingPath(depth:)`` rebuilds it from the keys already
/// in the buffer when someone asks (an error being built).
final class BinaryEncodingState {
    /// What an open value has become.
    enum Kind { case undecided, keyed, unkeyed, single }

    /// One open value: where its bytes begin, what it is, its fields or items so far.
    struct Frame {
        /// Unique per frame, so a container of a closed value is told from one of a new value at the
        /// same depth.
        var id: Int
        var kind: Kind
        /// Whether a key of this keyed value has a byte ≥ 0x80 (then keys equal as `String`s are
        /// checked at the close, as the reference encoder's dictionary merges them).
        var unicodeKeys = false
        /// The offset of the value's tag byte.
        var start: Int
        /// The index in ``fieldStarts`` of this keyed value's first field.
        var fieldBase: Int
        /// The items of an unkeyed value so far.
        var count = 0
        /// The offset of this value's key (length varint) in the buffer, or −1 for an item of an
        /// unkeyed value (then ``index``) or the value of a single-value container.
        var keyAt: Int
        var index: Int
    }

    /// Thrown inside the fast path when it has to give up (the state is ``abandoned``).
    struct Fallback: Error {}

    @exclusivity(unchecked) private(set) var bytes: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private(set) var count = 0
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var frames: UnsafeMutablePointer<Frame>
    @exclusivity(unchecked) private(set) var depth = 0
    @exclusivity(unchecked) private var frameCapacity = 16
    @exclusivity(unchecked) private var fieldStarts: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) private var fieldCount = 0
    @exclusivity(unchecked) private var fieldCapacity = 64
    @exclusivity(unchecked) private var scratch: UnsafeMutablePointer<UInt8>?
    @exclusivity(unchecked) private var scratchCapacity = 0
    @exclusivity(unchecked) private var order: UnsafeMutablePointer<SortKey>?
    @exclusivity(unchecked) private var orderCapacity = 0
    @exclusivity(unchecked) private var nextID = 1
    @exclusivity(unchecked) private var ownsBytes = true
    /// Whether the fast path gave up; the value must be encoded again with the reference encoder.
    @exclusivity(unchecked) private(set) var abandoned = false

    init(capacity: Int = 256) {
        self.capacity = capacity
        bytes = malloc(capacity)!.assumingMemoryBound(to: UInt8.self)
        frames = .allocate(capacity: frameCapacity)
        fieldStarts = .allocate(capacity: fieldCapacity)
    }

    deinit {
        if ownsBytes { free(bytes) }
        frames.deallocate()
        fieldStarts.deallocate()
        scratch?.deallocate()
        order?.deallocate()
    }

    /// The bytes written, handed over to a `Data` without a copy (the state must not write again).
    func takeData() -> Data {
        ownsBytes = false
        return Data(bytesNoCopy: bytes, count: count, deallocator: .free)
    }

    /// The bytes written, copied.
    var byteArray: [UInt8] { Array(UnsafeBufferPointer(start: bytes, count: count)) }

    /// Gives up the fast path.
    func abandon() -> Fallback {
        abandoned = true
        return Fallback()
    }

    // MARK: - Bytes

    @inline(__always) private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(count + extra) }
    }

    private func grow(_ needed: Int) {
        var size = capacity * 2
        while size < needed { size *= 2 }
        bytes = realloc(bytes, size)!.assumingMemoryBound(to: UInt8.self)
        capacity = size
    }

    @inline(__always) func write(_ byte: UInt8) {
        reserve(1)
        bytes[count] = byte
        count += 1
    }

    @inline(__always) func writeVarint(_ value: UInt64) {
        reserve(10)
        count = storeVarint(value, at: count)
    }

    /// Stores `value` as a LEB128 varint at `at` (the room already reserved); the offset after it.
    @inline(__always) private func storeVarint(_ value: UInt64, at start: Int) -> Int {
        var value = value
        var at = start
        while value >= 0x80 {
            bytes[at] = UInt8(truncatingIfNeeded: value) | 0x80
            value >>= 7
            at += 1
        }
        bytes[at] = UInt8(value)
        return at + 1
    }

    @inline(__always) func write(_ raw: UnsafeRawBufferPointer) {
        guard let source = raw.baseAddress, raw.count > 0 else { return }
        reserve(raw.count)
        let from = source.assumingMemoryBound(to: UInt8.self)
        if raw.count <= 16 {
            for index in 0..<raw.count { bytes[count + index] = from[index] }   // cheaper than a call
        } else {
            (bytes + count).update(from: from, count: raw.count)
        }
        count += raw.count
    }

    @inline(__always) func writeFixed<T: FixedWidthInteger>(_ value: T) {
        let size = MemoryLayout<T>.size
        reserve(size)
        UnsafeMutableRawPointer(bytes + count).storeBytes(of: value.littleEndian, as: T.self)
        count += size
    }

    /// A length-prefixed UTF-8 text (no tag).
    @inline(__always) func writeText(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { utf8 in
            writeVarint(UInt64(utf8.count))
            write(UnsafeRawBufferPointer(utf8))
        }
        if done != nil { return }
        var text = text
        text.withUTF8 { utf8 in
            writeVarint(UInt64(utf8.count))
            write(UnsafeRawBufferPointer(utf8))
        }
    }

    // MARK: - Values

    typealias Tag = BinaryPayloadFormat.Tag

    func writeNil() { write(Tag.null.rawValue) }
    func writeBool(_ value: Bool) { write(value ? Tag.trueValue.rawValue : Tag.falseValue.rawValue) }
    func writeInt(_ value: Int64) {
        write(Tag.int.rawValue)
        writeVarint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }
    func writeUInt(_ value: UInt64) {
        write(Tag.uint.rawValue)
        writeVarint(value)
    }
    func writeDouble(_ value: Double) {
        write(Tag.double.rawValue)
        writeFixed(value.bitPattern)
    }
    func writeFloat(_ value: Float) {
        write(Tag.float.rawValue)
        writeFixed(value.bitPattern)
    }
    func writeString(_ value: String) {
        write(Tag.string.rawValue)
        writeText(value)
    }
    func writeDate(_ value: Date) {
        let seconds = value.timeIntervalSince1970
        write(Tag.date.rawValue)
        writeFixed((seconds == 0 ? 0 : seconds).bitPattern)
    }
    func writeData(_ value: Data) {
        write(Tag.data.rawValue)
        writeVarint(UInt64(value.count))
        value.withUnsafeBytes { write($0) }
    }
    func writeDecimal(_ value: Decimal) {
        write(Tag.decimal.rawValue)
        writeText(value.description)
    }

    /// Writes `value`: a Foundation type with its own tag or a scalar directly, anything else through
    /// its `encode(to:)` as a new open value, closed when it returns.
    func box<T: Encodable>(_ value: T, keyAt: Int, index: Int) throws {
        if T.self == String.self { return writeString(unsafeBitCast(value, to: String.self)) }
        if T.self == Date.self { return writeDate(unsafeBitCast(value, to: Date.self)) }
        if T.self == Int.self { return writeInt(Int64(unsafeBitCast(value, to: Int.self))) }
        if T.self == Bool.self { return writeBool(unsafeBitCast(value, to: Bool.self)) }
        if T.self == Decimal.self { return writeDecimal(unsafeBitCast(value, to: Decimal.self)) }
        if T.self == Data.self { return writeData(unsafeBitCast(value, to: Data.self)) }
        if T.self == URL.self { return writeString(unsafeBitCast(value, to: URL.self).absoluteString) }
        if T.self == Double.self { return writeDouble(unsafeBitCast(value, to: Double.self)) }
        let at = depth
        let id = push(.undecided, keyAt: keyAt, index: index)
        try value.encode(to: BinaryStreamEncoder(state: self, depth: at, id: id))
        guard depth > at, frames[at].id == id else { throw abandon() }
        close(downTo: at)
    }

    // MARK: - Frames

    /// Opens a value at the top of the stack; a keyed or unkeyed one gets its tag and a count byte.
    func push(_ kind: Kind, keyAt: Int, index: Int) -> Int {
        if depth == frameCapacity {
            let larger = UnsafeMutablePointer<Frame>.allocate(capacity: frameCapacity * 2)
            larger.moveInitialize(from: frames, count: depth)
            frames.deallocate()
            frames = larger
            frameCapacity *= 2
        }
        let id = nextID
        nextID += 1
        (frames + depth).initialize(to: Frame(id: id, kind: kind, start: count, fieldBase: fieldCount,
                                              keyAt: keyAt, index: index))
        depth += 1
        if kind != .undecided { begin(kind) }
        return id
    }

    private func begin(_ kind: Kind) {
        switch kind {
        case .keyed: write(Tag.object.rawValue); write(0)
        case .unkeyed: write(Tag.array.rawValue); write(0)
        case .single, .undecided: break
        }
    }

    /// Makes the value of frame `id` at `at` the current one (closing the values opened after it) and
    /// checks it is still open; else the fast path gives up.
    @inline(__always) func enter(_ at: Int, _ id: Int) throws {
        guard at < depth, frames[at].id == id else { throw abandon() }
        if depth > at + 1 { close(downTo: at + 1) }
    }

    /// The value of an encoder at `at` becomes `kind` (a second container of the same kind shares
    /// the value, as in the reference encoder); false if that is not possible on the fast path.
    func decide(_ at: Int, _ id: Int, _ kind: Kind) -> Bool {
        guard at < depth, frames[at].id == id else { abandoned = true; return false }
        if depth > at + 1 { close(downTo: at + 1) }
        let current = frames[at].kind
        if current == kind && kind != .single { return true }
        guard current == .undecided else { abandoned = true; return false }
        frames[at].kind = kind
        begin(kind)
        return true
    }

    /// Starts a field of the keyed value at `at`: records its offset and writes its key; returns the
    /// key's offset.
    @inline(__always) func field(_ key: String, _ at: Int, _ id: Int) throws -> Int {
        try enter(at, id)
        let start = count
        if fieldCount == fieldCapacity {
            let larger = UnsafeMutablePointer<Int>.allocate(capacity: fieldCapacity * 2)
            larger.moveInitialize(from: fieldStarts, count: fieldCount)
            fieldStarts.deallocate()
            fieldStarts = larger
            fieldCapacity *= 2
        }
        fieldStarts[fieldCount] = start
        fieldCount += 1
        writeText(key)
        var high: UInt8 = 0
        for offset in (start + 1)..<count { high |= bytes[offset] }
        if high & 0x80 != 0, count - start > 1 { frames[at].unicodeKeys = true }
        return start
    }

    /// Starts an item of the unkeyed value at `at`; returns its index.
    @inline(__always) func item(_ at: Int, _ id: Int) throws -> Int {
        try enter(at, id)
        defer { frames[at].count += 1 }
        return frames[at].count
    }

    /// The items so far of the unkeyed value at `at` (0 if it has closed).
    func itemCount(_ at: Int, _ id: Int) -> Int {
        at < depth && frames[at].id == id ? frames[at].count : 0
    }

    /// A single-value container at `at` writes its one value.
    @inline(__always) func single(_ at: Int, _ id: Int) throws {
        try enter(at, id)
        guard frames[at].kind == .undecided else { throw abandon() }
        frames[at].kind = .single
    }

    /// Closes the open values from the top down to (and with) the one at `at`.
    func close(downTo at: Int) {
        while depth > at {
            let frame = frames[depth - 1]
            switch frame.kind {
            case .undecided:
                write(Tag.object.rawValue)
                write(0)
            case .single:
                break
            case .unkeyed:
                writeCount(frame.count, of: frame)
            case .keyed:
                let fields = fieldCount - frame.fieldBase
                if fields > 1 { sortFields(of: frame, fields) }
                fieldCount = frame.fieldBase
                writeCount(fields, of: frame)
            }
            depth -= 1
        }
    }

    private func writeCount(_ value: Int, of frame: Frame) {
        let at = frame.start + 1
        if value < 0x80 {
            bytes[at] = UInt8(value)
            return
        }
        var length = 1
        var rest = value >> 7
        while rest > 0 { length += 1; rest >>= 7 }
        reserve(length - 1)
        (bytes + at + length).update(from: bytes + at + 1, count: count - at - 1)
        count += length - 1
        _ = storeVarint(UInt64(value), at: at)
    }

    // MARK: - Sorting fields

    /// The key bytes of the field at `offset`.
    @inline(__always) private func key(at offset: Int) -> (start: UnsafeMutablePointer<UInt8>, count: Int) {
        var length = 0
        var shift = 0
        var at = offset
        while true {
            let byte = bytes[at]
            length |= Int(byte & 0x7F) << shift
            at += 1
            if byte < 0x80 { break }
            shift += 7
        }
        return (bytes + at, length)
    }

    /// A field being sorted: its key's first 8 bytes as a big-endian number (zero-padded), so most
    /// comparisons are one integer comparison, and where its key and bytes are.
    struct SortKey {
        var prefix: UInt64
        var key: Int
        var length: Int
        var field: Int
    }

    @inline(__always) private func sortKey(_ field: Int, at offset: Int) -> SortKey {
        let key = key(at: offset)
        var prefix: UInt64 = 0
        if key.start + 8 <= bytes + count {
            // Eight bytes in one load (the value after the key is in the buffer), the rest masked off.
            prefix = UInt64(bigEndian: UnsafeRawPointer(key.start).loadUnaligned(as: UInt64.self))
            if key.count < 8 { prefix &= ~(UInt64.max >> (8 * key.count)) }
        } else {
            for index in 0..<min(key.count, 8) { prefix |= UInt64(key.start[index]) << (56 - 8 * index) }
        }
        return SortKey(prefix: prefix, key: key.start - bytes, length: key.count, field: field)
    }

    /// The order of two keys' bytes: negative, zero or positive.
    @inline(__always) private func compare(_ a: SortKey, _ b: SortKey) -> Int {
        if a.prefix != b.prefix { return a.prefix < b.prefix ? -1 : 1 }
        let common = min(a.length, b.length)
        if common > 8 {
            let result = memcmp(bytes + a.key + 8, bytes + b.key + 8, common - 8)
            if result != 0 { return Int(result) }
        }
        return a.length - b.length
    }

    /// Puts the fields of a closing keyed value in the order of their keys' bytes (if they are not
    /// already), giving up on a key written twice.
    private func sortFields(of frame: Frame, _ fields: Int) {
        let starts = fieldStarts + frame.fieldBase
        if orderCapacity < fields {
            order?.deallocate()
            orderCapacity = max(fields, 32)
            order = .allocate(capacity: orderCapacity)
        }
        let keys = order!
        keys.initialize(to: sortKey(0, at: starts[0]))
        var sorted = true
        for index in 1..<fields {
            (keys + index).initialize(to: sortKey(index, at: starts[index]))
            let order = compare(keys[index - 1], keys[index])
            if order == 0 { abandoned = true; return }
            if order > 0 { sorted = false }
        }
        if frame.unicodeKeys { checkUnicodeKeys(starts, fields) }
        if sorted { return }
        if fields <= 24 {
            for index in 1..<fields {
                let moving = keys[index]
                var slot = index
                while slot > 0, compare(keys[slot - 1], moving) > 0 {
                    keys[slot] = keys[slot - 1]
                    slot -= 1
                }
                keys[slot] = moving
            }
        } else {
            var buffer = UnsafeMutableBufferPointer(start: keys, count: fields)
            buffer.sort { compare($0, $1) < 0 }
        }
        for index in 1..<fields where compare(keys[index - 1], keys[index]) == 0 {
            abandoned = true
            return
        }
        let regionStart = starts[0]
        let regionLength = count - regionStart
        if scratchCapacity < regionLength {
            scratch?.deallocate()
            scratchCapacity = max(regionLength, 256)
            scratch = .allocate(capacity: scratchCapacity)
        }
        let copy = scratch!
        copy.update(from: bytes + regionStart, count: regionLength)
        var to = regionStart
        for index in 0..<fields {
            let field = keys[index].field
            let from = starts[field] - regionStart
            let end = (field + 1 < fields ? starts[field + 1] : count) - regionStart
            (bytes + to).update(from: copy + from, count: end - from)
            to += end - from
        }
    }

    /// Gives up when two different keys are equal as `String`s (canonically equivalent Unicode),
    /// which the reference encoder's dictionary would merge.
    private func checkUnicodeKeys(_ starts: UnsafeMutablePointer<Int>, _ fields: Int) {
        var seen = Set<String>()
        for index in 0..<fields {
            let key = key(at: starts[index])
            let text = String(decoding: UnsafeBufferPointer(start: key.start, count: key.count), as: UTF8.self)
            if !seen.insert(text).inserted { abandoned = true; return }
        }
    }

    // MARK: - Coding path

    /// The coding path of the value open at `at`, rebuilt from the keys in the buffer.
    func codingPath(depth at: Int) -> [any CodingKey] {
        var path: [any CodingKey] = []
        guard at < depth else { return path }
        for level in stride(from: 1, through: at, by: 1) {
            let frame = frames[level]
            if frame.keyAt >= 0 {
                let key = key(at: frame.keyAt)
                path.append(BinaryCodingKey(String(decoding: UnsafeBufferPointer(start: key.start, count: key.count), as: UTF8.self)))
            } else if frame.index >= 0 {
                path.append(BinaryCodingKey(index: frame.index))
            }
        }
        return path
    }
}
