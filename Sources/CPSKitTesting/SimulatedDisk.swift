import CPSKit
import Foundation

/// An in-memory ``StorageFileSystem`` that knows what an `fsync` made durable (R-ADP-1).
///
/// Each file keeps its current bytes and its durable bytes (as of its last ``sync(_:)``); each
/// directory entry is durable once its directory was synced. ``powerLoss(tearLastWrite:)`` throws
/// away everything not durable — optionally keeping half of the last unsynced write, as a torn
/// write — and ends every open handle and lock, as if the process died with the machine. A
/// ``capacity`` simulates a full disk: a write that does not fit writes what fits and fails with
/// `ENOSPC`. ``failSyncs(_:)`` makes the next `fsync`s fail with `EIO`.
///
/// ```swift
/// let disk = SimulatedDisk()
/// let store = try await FileRecordStore.open(directory: URL(fileURLWithPath: "/store"),
///                                      options: FileStoreOptions(fileSystem: disk))
/// try await store.commit(batch)
/// disk.powerLoss(tearLastWrite: true)
/// let reopened = try await FileRecordStore.open(directory: URL(fileURLWithPath: "/store"),
///                                         options: FileStoreOptions(fileSystem: disk))
/// ```
package final class SimulatedDisk: StorageFileSystem {
    private struct Inode {
        var content: [UInt8] = []
        var durable: [UInt8] = []
    }

    private struct UnsyncedWrite {
        let inode: Int
        let offset: Int
        let bytes: [UInt8]
    }

    private struct State {
        var inodes: [Int: Inode] = [:]
        var names: [String: Int] = [:]
        var durableNames: [String: Int] = [:]
        var directories: Set<String> = ["/"]
        var handles: [Int32: Int] = [:]
        var locks: [String: Int32] = [:]
        var nextInode = 1
        var nextHandle: Int32 = 3
        var capacity: Int?
        var lastUnsynced: UnsyncedWrite?
        var fileSyncs = 0
        var failingSyncs = 0
        var syncsBeforeFailing = 0
        var syncLatency: Double = 0
        var holdingSyncs = false
        var heldSyncs = 0

        /// Whether this sync (of a file or directory) is one of those told to fail.
        mutating func syncFails() -> Bool {
            guard failingSyncs > 0 else { return false }
            if syncsBeforeFailing > 0 {
                syncsBeforeFailing -= 1
                return false
            }
            failingSyncs -= 1
            return true
        }

        var usedBytes: Int { inodes.values.reduce(0) { $0 + $1.content.count } }

        func inode(_ handle: StorageFileHandle, _ operation: String) throws(FileSystemError) -> Int {
            guard let inode = handles[handle.rawValue] else {
                throw FileSystemError(operation, path: "handle \(handle.rawValue)", code: EBADF)
            }
            return inode
        }

        mutating func newHandle(for inode: Int) -> StorageFileHandle {
            let handle = nextHandle
            nextHandle += 1
            handles[handle] = inode
            return StorageFileHandle(rawValue: handle)
        }

        mutating func collectGarbage() {
            let live = Set(names.values).union(durableNames.values).union(handles.values)
            inodes = inodes.filter { live.contains($0.key) }
        }
    }

    private let state = Locked(State())

    /// An empty disk with unlimited space.
    package init() {}

    // MARK: - Simulation

    /// Space in bytes for all file contents together; `nil` for unlimited. Lowering it below what is
    /// used makes every growing write fail with `ENOSPC`.
    package var capacity: Int? {
        get { state.withLock { $0.capacity } }
        set { state.withLock { $0.capacity = newValue } }
    }

    /// Bytes used by all files.
    package var usedBytes: Int { state.withLock { $0.usedBytes } }

    /// Seconds each file sync takes (0 by default), like a real disk's `fsync`: lets tests see
    /// commits queue up behind a sync (group commit).
    package var syncLatency: Double {
        get { state.withLock { $0.syncLatency } }
        set { state.withLock { $0.syncLatency = newValue } }
    }

    /// Makes file syncs wait until ``releaseSyncs()`` (at most 120 seconds: a slow, loaded sanitizer run), to line up concurrent
    /// commits behind one sync in a test. ``heldSyncs`` tells how many are waiting.
    package func holdSyncs() { state.withLock { $0.holdingSyncs = true } }

    /// Lets held syncs finish, and later ones run at once.
    package func releaseSyncs() { state.withLock { $0.holdingSyncs = false } }

    /// File syncs waiting for ``releaseSyncs()``.
    package var heldSyncs: Int { state.withLock { $0.heldSyncs } }

    /// How many times a file (not a directory) was synced.
    package var fileSyncs: Int { state.withLock { $0.fileSyncs } }

    /// Makes `count` file or directory syncs fail with `EIO`, after `skipped` more succeed.
    package func failSyncs(_ count: Int, after skipped: Int = 0) {
        state.withLock { state in
            state.failingSyncs = count
            state.syncsBeforeFailing = skipped
        }
    }

    /// The machine loses power: every write and directory change not made durable is lost; with
    /// `tearLastWrite`, the first half of the last unsynced write survives (a torn write). Open
    /// handles and locks end.
    package func powerLoss(tearLastWrite: Bool = false) {
        state.withLock { state in
            state.names = state.durableNames
            let torn = state.lastUnsynced
            state.inodes = state.inodes.mapValues { Inode(content: $0.durable, durable: $0.durable) }
            if tearLastWrite, let torn, state.names.values.contains(torn.inode), var inode = state.inodes[torn.inode] {
                let kept = torn.bytes.prefix(max(1, torn.bytes.count / 2))
                if inode.content.count < torn.offset {
                    inode.content += [UInt8](repeating: 0, count: torn.offset - inode.content.count)
                }
                let end = torn.offset + kept.count
                if inode.content.count < end { inode.content += [UInt8](repeating: 0, count: end - inode.content.count) }
                inode.content.replaceSubrange(torn.offset..<end, with: kept)
                inode.durable = inode.content
                state.inodes[torn.inode] = inode
            }
            state.lastUnsynced = nil
            state.handles = [:]
            state.locks = [:]
            state.collectGarbage()
        }
    }

    /// The current bytes of the file at `path`, or `nil`.
    package func contents(of path: String) -> [UInt8]? {
        state.withLock { state in state.names[path].flatMap { state.inodes[$0]?.content } }
    }

    /// Replaces the bytes of the existing file at `path`, durably (to damage a file in a test).
    package func replaceContents(of path: String, with bytes: [UInt8]) {
        state.withLock { state in
            guard let inode = state.names[path] else { return }
            state.inodes[inode] = Inode(content: bytes, durable: bytes)
        }
    }

    // MARK: - StorageFileSystem

    /// Records the directory and its parents (directories are always durable here) (R-ADP-1).
    package func createDirectory(_ path: String) throws(FileSystemError) {
        state.withLock { state in
            var partial = ""
            for component in path.split(separator: "/") {
                partial += "/" + component
                state.directories.insert(partial)
            }
        }
    }

    /// The names currently in the directory, durable or not (R-ADP-1).
    package func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String] {
        try state.withLock { (state: inout State) throws(FileSystemError) -> [String] in
            guard state.directories.contains(path) else { throw FileSystemError("opendir", path: path, code: ENOENT) }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            return state.names.keys.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
                .map { String($0.dropFirst(prefix.count)) }
        }
    }

    /// The current bytes of the file, durable or not; `nil` when there is none (R-ADP-1).
    package func readFile(_ path: String) throws(FileSystemError) -> [UInt8]? {
        contents(of: path)
    }

    /// Opens the file for reading; `nil` when there is none (R-ADP-1).
    package func openForReading(_ path: String) throws(FileSystemError) -> StorageFileHandle? {
        state.withLock { state in state.names[path].map { state.newHandle(for: $0) } }
    }

    /// Reads the current bytes of the open file at `offset` (R-ADP-1).
    package func read(_ handle: StorageFileHandle, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(FileSystemError) -> Int {
        try state.withLock { (state: inout State) throws(FileSystemError) -> Int in
            let number = try state.inode(handle, "pread")
            guard let content = state.inodes[number]?.content, offset >= 0 else { throw FileSystemError("pread", path: "inode", code: EINVAL) }
            guard offset < content.count else { return 0 }
            let count = min(buffer.count, content.count - offset)
            content.withUnsafeBytes { raw in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)]))
            }
            return count
        }
    }

    /// The current size of the open file (R-ADP-1).
    package func size(of handle: StorageFileHandle) throws(FileSystemError) -> Int {
        try state.withLock { (state: inout State) throws(FileSystemError) -> Int in
            let number = try state.inode(handle, "fstat")
            return state.inodes[number]?.content.count ?? 0
        }
    }

    /// Creates or empties the file; its name is durable only after ``syncDirectory(_:)`` (R-ADP-1).
    package func createFile(_ path: String) throws(FileSystemError) -> StorageFileHandle {
        try state.withLock { (state: inout State) throws(FileSystemError) -> StorageFileHandle in
            try Self.checkParent(path, state)
            if let existing = state.names[path] {
                state.inodes[existing]?.content = []
                return state.newHandle(for: existing)
            }
            let inode = state.nextInode
            state.nextInode += 1
            state.inodes[inode] = Inode()
            state.names[path] = inode
            return state.newHandle(for: inode)
        }
    }

    /// Opens the existing file for writing (R-ADP-1).
    package func openFile(_ path: String) throws(FileSystemError) -> StorageFileHandle {
        try state.withLock { (state: inout State) throws(FileSystemError) -> StorageFileHandle in
            guard let inode = state.names[path] else { throw FileSystemError("open", path: path, code: ENOENT) }
            return state.newHandle(for: inode)
        }
    }

    /// Writes at `offset`; beyond ``capacity`` writes what fits and throws `ENOSPC`. Not durable until ``sync(_:)`` (R-ADP-1).
    package func write(_ handle: StorageFileHandle, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FileSystemError) {
        try state.withLock { (state: inout State) throws(FileSystemError) in
            let number = try state.inode(handle, "write")
            guard var inode = state.inodes.removeValue(forKey: number) else { throw FileSystemError("write", path: "inode", code: EBADF) }
            var data = Array(bytes)
            var failure: FileSystemError?
            if let capacity = state.capacity {
                let growth = max(0, offset + data.count - inode.content.count)
                let free = max(0, capacity - state.usedBytes - inode.content.count)
                if growth > free {
                    data = Array(data.prefix(max(0, data.count - (growth - free))))
                    failure = FileSystemError("write", path: "handle \(handle.rawValue)", code: ENOSPC)
                }
            }
            if inode.content.count < offset {
                inode.content += [UInt8](repeating: 0, count: offset - inode.content.count)
            }
            let end = offset + data.count
            if inode.content.count < end { inode.content += [UInt8](repeating: 0, count: end - inode.content.count) }
            inode.content.replaceSubrange(offset..<end, with: data)
            state.inodes[number] = inode
            if !data.isEmpty { state.lastUnsynced = UnsyncedWrite(inode: number, offset: offset, bytes: data) }
            if let failure { throw failure }
        }
    }

    /// Cuts or extends the file; not durable until ``sync(_:)`` (R-ADP-1).
    package func truncate(_ handle: StorageFileHandle, to length: Int) throws(FileSystemError) {
        try state.withLock { (state: inout State) throws(FileSystemError) in
            let number = try state.inode(handle, "ftruncate")
            guard var inode = state.inodes.removeValue(forKey: number) else { return }
            if inode.content.count > length {
                inode.content.removeSubrange(length...)
            } else {
                inode.content += [UInt8](repeating: 0, count: length - inode.content.count)
            }
            state.inodes[number] = inode
        }
    }

    /// Makes the file's current bytes durable, unless told to fail (``failSyncs(_:after:)``) (R-ADP-1).
    package func sync(_ handle: StorageFileHandle) throws(FileSystemError) {
        let latency = state.withLock { $0.syncLatency }
        if latency > 0 { usleep(useconds_t(latency * 1_000_000)) }
        if state.withLock({ $0.holdingSyncs }) {
            state.withLock { $0.heldSyncs += 1 }
            let deadline = Date().addingTimeInterval(120)
            while state.withLock({ $0.holdingSyncs }), Date() < deadline { usleep(200) }
            state.withLock { $0.heldSyncs -= 1 }
        }
        try state.withLock { (state: inout State) throws(FileSystemError) in
            let number = try state.inode(handle, "fsync")
            if state.syncFails() {
                throw FileSystemError("fsync", path: "handle \(handle.rawValue)", code: EIO)
            }
            state.fileSyncs += 1
            if var inode = state.inodes.removeValue(forKey: number) {
                inode.durable = inode.content
                state.inodes[number] = inode
            }
            if state.lastUnsynced?.inode == number { state.lastUnsynced = nil }
        }
    }

    /// Ends the handle (R-ADP-1).
    package func close(_ handle: StorageFileHandle) {
        state.withLock { state in
            state.handles[handle.rawValue] = nil
            state.collectGarbage()
        }
    }

    /// Renames at once; durable only after ``syncDirectory(_:)`` (R-ADP-1).
    package func rename(_ source: String, to destination: String) throws(FileSystemError) {
        try state.withLock { (state: inout State) throws(FileSystemError) in
            guard let inode = state.names[source] else { throw FileSystemError("rename", path: source, code: ENOENT) }
            try Self.checkParent(destination, state)
            state.names[destination] = inode
            state.names[source] = nil
            state.collectGarbage()
        }
    }

    /// Removes the name; durable only after ``syncDirectory(_:)`` (R-ADP-1).
    package func removeFile(_ path: String) throws(FileSystemError) {
        state.withLock { state in
            state.names[path] = nil
            state.collectGarbage()
        }
    }

    /// Makes the directory's current names durable, unless told to fail (R-ADP-1).
    package func syncDirectory(_ path: String) throws(FileSystemError) {
        try state.withLock { (state: inout State) throws(FileSystemError) in
            if state.syncFails() {
                throw FileSystemError("fsync", path: path, code: EIO)
            }
            let prefix = path.hasSuffix("/") ? path : path + "/"
            func inDirectory(_ name: String) -> Bool {
                name.hasPrefix(prefix) && !name.dropFirst(prefix.count).contains("/")
            }
            for name in state.durableNames.keys where inDirectory(name) { state.durableNames[name] = nil }
            for (name, inode) in state.names where inDirectory(name) { state.durableNames[name] = inode }
            state.collectGarbage()
        }
    }

    /// Takes the exclusive lock of `path`, or throws `EWOULDBLOCK`; ``powerLoss(tearLastWrite:)`` ends all locks (R-ADP-1).
    package func lock(_ path: String) throws(FileSystemError) -> StorageFileHandle {
        try state.withLock { (state: inout State) throws(FileSystemError) -> StorageFileHandle in
            guard state.locks[path] == nil else { throw FileSystemError("flock", path: path, code: EWOULDBLOCK) }
            try Self.checkParent(path, state)
            let inode: Int
            if let existing = state.names[path] {
                inode = existing
            } else {
                inode = state.nextInode
                state.nextInode += 1
                state.inodes[inode] = Inode()
                state.names[path] = inode
            }
            let handle = state.newHandle(for: inode)
            state.locks[path] = handle.rawValue
            return handle
        }
    }

    /// Releases the lock (R-ADP-1).
    package func unlock(_ handle: StorageFileHandle) {
        state.withLock { state in
            if let path = state.locks.first(where: { $0.value == handle.rawValue })?.key { state.locks[path] = nil }
            state.handles[handle.rawValue] = nil
        }
    }

    /// The simulated inode of the handle (device 1) (R-ADP-1).
    package func identity(of handle: StorageFileHandle) throws(FileSystemError) -> FileIdentity {
        try state.withLock { (state: inout State) throws(FileSystemError) -> FileIdentity in
            FileIdentity(device: 1, inode: UInt64(try state.inode(handle, "fstat")))
        }
    }

    /// The simulated inode named `path`, or `nil` (R-ADP-1).
    package func identity(atPath path: String) throws(FileSystemError) -> FileIdentity? {
        state.withLock { state in state.names[path].map { FileIdentity(device: 1, inode: UInt64($0)) } }
    }

    /// Whether the directory was created (R-ADP-1).
    package func directoryExists(_ path: String) -> Bool {
        state.withLock { $0.directories.contains(path) }
    }

    private static func checkParent(_ path: String, _ state: State) throws(FileSystemError) {
        let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        guard state.directories.contains(parent.isEmpty ? "/" : parent) else {
            throw FileSystemError("open", path: path, code: ENOENT)
        }
    }
}
