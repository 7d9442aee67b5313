import Foundation

/// The checked blocks of a version-4 snapshot (R-ADP-1, issue 17 item 1): `pread` on a descriptor
/// kept open (nothing mapped: a truncation is `corrupt`, never `SIGBUS`), every 4 KiB block checked
/// against its CRC-32C before use, and a small cache of blocks. The block checksums are themselves
/// read a page (1,024 checksums) at a time, each page checked against the page checksums read on
/// open, so opening reads only the file's last few bytes whatever its size (``SnapshotLayout``).
final class SnapshotBlocks: Sendable {
    let file: String
    let footer: SnapshotLayout.Footer
    /// Bytes covered by block checksums (everything before the checksum table).
    var dataEnd: Int { footer.checksumTableOffset }
    private let fileSystem: any StorageFileSystem
    private let handle: StorageFileHandle
    private let blockCount: Int
    private let pageChecksums: [UInt32]
    private let cache = Locked(Cache())

    private struct Cache {
        var blocks: [Int: [UInt8]] = [:]
        var checksumPages: [Int: [UInt32]] = [:]
        var closed = false
    }

    static let blockCacheLimit = 4096

    /// Reads and checks the footer and the page checksums of the snapshot at `handle`, taking
    /// ownership of the handle (closed on failure too).
    init(handle: StorageFileHandle, fileSystem: any StorageFileSystem, file: String) throws(StorageError) {
        self.file = file
        self.fileSystem = fileSystem
        self.handle = handle
        do throws(StorageError) {
            func damaged(_ detail: String) -> StorageError { StorageError(.corrupt, subject: file, detail: "\(file): \(detail)") }
            let size: Int
            do { size = try fileSystem.size(of: handle) } catch { throw FileRecordStore.unavailable(error, "cannot read \(file)") }
            guard size >= StorageFormat.headerSize + SnapshotLayout.footerSize else {
                throw damaged("the snapshot is truncated (\(size) bytes)")
            }
            // One read for the footer and, unless the store is huge, the page checksums before it.
            let tailLength = min(size, SnapshotLayout.blockSize)
            let tail = try Self.pread(fileSystem, handle, file, at: size - tailLength, count: tailLength)
            guard let parsed = tail.withBytes({ raw in
                SnapshotLayout.decodeFooter(UnsafeRawBufferPointer(rebasing: raw[(tailLength - SnapshotLayout.footerSize)...]))
            }) else {
                throw damaged("the footer is damaged (the file may be truncated)")
            }
            let blocks = SnapshotLayout.blockCount(parsed.checksumTableOffset)
            let pages = SnapshotLayout.pageCount(blocks: blocks)
            guard parsed.checksumTableOffset >= StorageFormat.headerSize,
                  parsed.checksumTableOffset + 4 * blocks + 4 * pages + SnapshotLayout.footerSize == size,
                  parsed.directoryOffset >= StorageFormat.headerSize, parsed.directoryLength >= 0,
                  parsed.directoryOffset <= parsed.checksumTableOffset - parsed.directoryLength else {
                throw damaged("the footer's offsets do not fit the file (\(size) bytes)")
            }
            let listLength = 4 * pages
            let list = listLength + SnapshotLayout.footerSize <= tailLength
                ? Array(tail[(tailLength - SnapshotLayout.footerSize - listLength)..<(tailLength - SnapshotLayout.footerSize)])
                : try Self.pread(fileSystem, handle, file, at: size - SnapshotLayout.footerSize - listLength, count: listLength)
            guard list.withBytes({ CRC32C.checksum($0) }) == parsed.pageListCRC else {
                throw damaged("the checksum pages' checksums are damaged")
            }
            footer = parsed
            blockCount = blocks
            pageChecksums = list.withBytes { raw in
                (0..<pages).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)) }
            }
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
            return !cache.closed
        }
        if wasOpen { fileSystem.close(handle) }
    }

    private func damaged(_ detail: String) -> StorageError {
        StorageError(.corrupt, subject: file, detail: "\(file): \(detail)")
    }

    static func pread(_ fileSystem: any StorageFileSystem, _ handle: StorageFileHandle, _ file: String,
                      at offset: Int, count: Int) throws(StorageError) -> [UInt8] {
        var failure: FileSystemError?
        var done = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            while done < count {
                let read: Int
                do throws(FileSystemError) {
                    read = try fileSystem.read(handle, into: UnsafeMutableRawBufferPointer(rebasing: raw[done...]), at: offset + done)
                } catch {
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

    private func checkOpen() throws(StorageError) {
        if cache.withLock({ $0.closed }) { throw FileRecordStore.closedError }
    }

    /// The checksum of block `number`, from its (checked, cached) checksum page.
    private func checksum(ofBlock number: Int) throws(StorageError) -> UInt32 {
        let page = number / SnapshotLayout.checksumsPerPage
        if let cached = cache.withLock({ $0.checksumPages[page] }) { return cached[number % SnapshotLayout.checksumsPerPage] }
        let first = page * SnapshotLayout.checksumsPerPage
        let count = min(SnapshotLayout.checksumsPerPage, blockCount - first)
        let bytes = try Self.pread(fileSystem, handle, file, at: footer.checksumTableOffset + 4 * first, count: 4 * count)
        guard bytes.withBytes({ CRC32C.checksum($0) }) == pageChecksums[page] else {
            throw damaged("the block checksums of blocks \(first)–\(first + count - 1) are damaged")
        }
        let values = bytes.withBytes { raw in
            (0..<count).map { UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self)) }
        }
        cache.withLock { $0.checksumPages[page] = values }
        return values[number % SnapshotLayout.checksumsPerPage]
    }

    /// Block `number`, read and checked (not cached).
    private func readBlock(_ number: Int) throws(StorageError) -> [UInt8] {
        try checkOpen()
        let start = number * SnapshotLayout.blockSize
        let expected = try checksum(ofBlock: number)
        let bytes = try Self.pread(fileSystem, handle, file, at: start, count: min(SnapshotLayout.blockSize, dataEnd - start))
        guard bytes.withBytes({ CRC32C.checksum($0) }) == expected else {
            throw damaged("the block at offset \(start) is damaged (checksum mismatch)")
        }
        return bytes
    }

    private func block(_ number: Int) throws(StorageError) -> [UInt8] {
        if let cached = cache.withLock({ $0.blocks[number] }) { return cached }
        let bytes = try readBlock(number)
        cache.withLock { cache in
            if cache.blocks.count >= Self.blockCacheLimit { cache.blocks.removeAll(keepingCapacity: true) }
            cache.blocks[number] = bytes
        }
        return bytes
    }

    /// `count` bytes at `offset`, from checked blocks (cached); `corrupt` outside the checked part.
    func bytes(at offset: Int, count: Int) throws(StorageError) -> [UInt8] {
        guard offset >= 0, count >= 0, offset <= dataEnd - count else {
            throw damaged("\(count) bytes at offset \(offset) lie outside the snapshot")
        }
        let first = offset / SnapshotLayout.blockSize
        if (offset + count - 1) / SnapshotLayout.blockSize == first || count == 0 {
            // Within one block (the usual case for an entry or a key): one slice.
            guard count > 0 else { return [] }
            let block = try self.block(first)
            let start = offset - first * SnapshotLayout.blockSize
            return Array(block[start..<(start + count)])
        }
        var result: [UInt8] = []
        result.reserveCapacity(count)
        var position = offset
        while position < offset + count {
            let number = position / SnapshotLayout.blockSize
            let block = try self.block(number)
            let start = position - number * SnapshotLayout.blockSize
            let end = min(block.count, start + (offset + count - position))
            result.append(contentsOf: block[start..<end])
            position += end - start
        }
        return result
    }

    /// Reads every block, checking its checksum (for `cps store verify`), without filling the cache.
    func verifyAll() throws(StorageError) {
        for number in 0..<blockCount { _ = try readBlock(number) }
    }
}
