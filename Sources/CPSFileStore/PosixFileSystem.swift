#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The real disk for ``FileRecordStore``: POSIX calls, `fsync` for durability, `flock` for the
/// store's exclusive lock (R-ADP-1).
package struct PosixFileSystem: StorageFileSystem {
    /// The real file system.
    package init() {}

    private static func fail(_ operation: String, _ path: String) -> FileSystemError {
        FileSystemError(operation, path: path, code: errno)
    }

    /// Creates the directory and its parents with `mkdir` (R-ADP-1).
    package func createDirectory(_ path: String) throws(FileSystemError) {
        var partial = ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            partial += "/" + component
            if mkdir(partial, 0o755) != 0, errno != EEXIST { throw Self.fail("mkdir", partial) }
        }
    }

    /// The entry names of the directory, from `readdir` (R-ADP-1).
    package func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String] {
        guard let directory = opendir(path) else { throw Self.fail("opendir", path) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// Reads the whole file with buffered `read` calls; `nil` when it does not exist (R-ADP-1).
    package func readFile(_ path: String) throws(FileSystemError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw Self.fail("open", path)
        }
        defer { _ = systemClose(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.fail("fstat", path) }
        let size = Int(info.st_size)
        var failure: FileSystemError?
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var done = 0
            while done < size {
                let result = systemRead(fd, buffer.baseAddress.map { $0 + done }, size - done)
                if result < 0 {
                    if errno == EINTR { continue }
                    failure = Self.fail("read", path)
                    break
                }
                if result == 0 { break } // the file shrank
                done += result
            }
            initialized = done
        }
        if let failure { throw failure }
        // The file may have grown since fstat: read the rest.
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let result = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw Self.fail("read", path)
            }
            if result == 0 { break }
            bytes.append(contentsOf: chunk[0..<result])
        }
        return bytes
    }

    /// Opens the file read-only; `nil` when it does not exist (R-ADP-1).
    package func openForReading(_ path: String) throws(FileSystemError) -> StorageFileHandle? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw Self.fail("open", path)
        }
        return StorageFileHandle(rawValue: fd)
    }

    /// Reads at `offset` with `pread`, retrying on `EINTR` (R-ADP-1).
    package func read(_ handle: StorageFileHandle, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(FileSystemError) -> Int {
        while true {
            let result = pread(handle.rawValue, buffer.baseAddress, buffer.count, off_t(offset))
            if result >= 0 { return result }
            if errno != EINTR { throw Self.fail("pread", "fd \(handle.rawValue)") }
        }
    }

    /// The file's size, from `fstat` (R-ADP-1).
    package func size(of handle: StorageFileHandle) throws(FileSystemError) -> Int {
        var info = stat()
        guard fstat(handle.rawValue, &info) == 0 else { throw Self.fail("fstat", "fd \(handle.rawValue)") }
        return Int(info.st_size)
    }

    /// Creates or truncates the file (`O_CREAT | O_TRUNC`) for writing (R-ADP-1).
    package func createFile(_ path: String) throws(FileSystemError) -> StorageFileHandle {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.fail("create", path) }
        return StorageFileHandle(rawValue: fd)
    }

    /// Opens the existing file for writing (R-ADP-1).
    package func openFile(_ path: String) throws(FileSystemError) -> StorageFileHandle {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.fail("open", path) }
        return StorageFileHandle(rawValue: fd)
    }

    /// Writes all bytes at `offset` with `pwrite`, retrying short writes (R-ADP-1).
    package func write(_ handle: StorageFileHandle, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FileSystemError) {
        var done = 0
        while done < bytes.count {
            let result = pwrite(handle.rawValue, bytes.baseAddress.map { $0 + done }, bytes.count - done, off_t(offset + done))
            if result < 0 {
                if errno == EINTR { continue }
                throw Self.fail("write", "fd \(handle.rawValue)")
            }
            done += result
        }
    }

    /// Cuts the file with `ftruncate` (R-ADP-1).
    package func truncate(_ handle: StorageFileHandle, to length: Int) throws(FileSystemError) {
        guard ftruncate(handle.rawValue, off_t(length)) == 0 else { throw Self.fail("ftruncate", "fd \(handle.rawValue)") }
    }

    /// Makes the file durable with `fsync` (R-ADP-1).
    package func sync(_ handle: StorageFileHandle) throws(FileSystemError) {
        guard fsync(handle.rawValue) == 0 else { throw Self.fail("fsync", "fd \(handle.rawValue)") }
    }

    /// Closes the descriptor (R-ADP-1).
    package func close(_ handle: StorageFileHandle) {
        _ = systemClose(handle.rawValue)
    }

    /// Renames atomically with `rename(2)` (R-ADP-1).
    package func rename(_ source: String, to destination: String) throws(FileSystemError) {
        guard systemRename(source, destination) == 0 else { throw Self.fail("rename", source) }
    }

    /// Removes the file with `unlink`; a missing file is fine (R-ADP-1).
    package func removeFile(_ path: String) throws(FileSystemError) {
        guard unlink(path) == 0 || errno == ENOENT else { throw Self.fail("unlink", path) }
    }

    /// Makes the directory entries durable: `fsync` of the directory (R-ADP-1).
    package func syncDirectory(_ path: String) throws(FileSystemError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw Self.fail("open", path) }
        defer { _ = systemClose(fd) }
        guard fsync(fd) == 0 else { throw Self.fail("fsync", path) }
    }

    /// Takes `flock(LOCK_EX | LOCK_NB)` on the file; `EWOULDBLOCK` when held elsewhere (R-ADP-1).
    package func lock(_ path: String) throws(FileSystemError) -> StorageFileHandle {
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.fail("open", path) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let error = Self.fail("flock", path)
            _ = systemClose(fd)
            throw error
        }
        return StorageFileHandle(rawValue: fd)
    }

    /// The device and inode of the descriptor, from `fstat` (R-ADP-1).
    package func identity(of handle: StorageFileHandle) throws(FileSystemError) -> FileIdentity {
        var info = stat()
        guard fstat(handle.rawValue, &info) == 0 else { throw Self.fail("fstat", "fd \(handle.rawValue)") }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// The device and inode of the path, from `stat`; `nil` when it does not exist (R-ADP-1).
    package func identity(atPath path: String) throws(FileSystemError) -> FileIdentity? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw Self.fail("stat", path)
        }
        return FileIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Whether the path is a directory, from `stat` (R-ADP-1).
    package func directoryExists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Releases the `flock` and closes the file (R-ADP-1).
    package func unlock(_ handle: StorageFileHandle) {
        _ = flock(handle.rawValue, LOCK_UN)
        _ = systemClose(handle.rawValue)
    }
}

#if canImport(Glibc)
private func systemClose(_ fd: Int32) -> Int32 { Glibc.close(fd) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Glibc.read(fd, buffer, count) }
private func systemRename(_ source: String, _ destination: String) -> Int32 { Glibc.rename(source, destination) }
#elseif canImport(Darwin)
private func systemClose(_ fd: Int32) -> Int32 { Darwin.close(fd) }
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Darwin.read(fd, buffer, count) }
private func systemRename(_ source: String, _ destination: String) -> Int32 { Darwin.rename(source, destination) }
#endif
