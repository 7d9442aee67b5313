/// The few file operations ``FileRecordStore`` needs, so tests can replace the disk (R-ADP-1).
///
/// ``PosixFileSystem`` is the real one; `SimulatedDisk` (in `CPSKitTesting`) keeps files in memory,
/// tracks which writes an `fsync` made durable, and simulates power loss and a full disk. Paths are
/// absolute. Every operation either succeeds or throws a ``FileSystemError`` carrying the `errno`.
package protocol StorageFileSystem: Sendable {
    /// Creates `path` and its parents if missing.
    func createDirectory(_ path: String) throws(FileSystemError)
    /// The names (not paths) of the entries of the directory `path`.
    func contentsOfDirectory(_ path: String) throws(FileSystemError) -> [String]
    /// The whole content of the file at `path`, or `nil` when there is no such file.
    func readFile(_ path: String) throws(FileSystemError) -> [UInt8]?
    /// Opens the file at `path` for reading (`pread`), or `nil` when there is no such file.
    func openForReading(_ path: String) throws(FileSystemError) -> StorageFileHandle?
    /// Reads up to `buffer.count` bytes at `offset` into `buffer` (`pread`): the count read, 0 at the end.
    func read(_ handle: StorageFileHandle, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(FileSystemError) -> Int
    /// The size of the open file (`fstat`).
    func size(of handle: StorageFileHandle) throws(FileSystemError) -> Int
    /// Creates (or truncates) the file at `path` and opens it for writing.
    func createFile(_ path: String) throws(FileSystemError) -> StorageFileHandle
    /// Opens the existing file at `path` for writing, keeping its content.
    func openFile(_ path: String) throws(FileSystemError) -> StorageFileHandle
    /// Writes all of `bytes` at `offset`. A failure may leave a prefix written (e.g. `ENOSPC`).
    func write(_ handle: StorageFileHandle, _ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FileSystemError)
    /// Cuts the file to `length` bytes.
    func truncate(_ handle: StorageFileHandle, to length: Int) throws(FileSystemError)
    /// Makes every write to the file durable (`fsync`).
    func sync(_ handle: StorageFileHandle) throws(FileSystemError)
    /// Closes the handle.
    func close(_ handle: StorageFileHandle)
    /// Renames `source` to `destination` atomically, replacing it.
    func rename(_ source: String, to destination: String) throws(FileSystemError)
    /// Removes the file at `path` (no error when it does not exist).
    func removeFile(_ path: String) throws(FileSystemError)
    /// Makes the directory's entries (created, renamed, removed files) durable.
    func syncDirectory(_ path: String) throws(FileSystemError)
    /// Takes an exclusive lock on the file at `path` (created if missing) without waiting; throws
    /// with `EWOULDBLOCK` when another holder has it. The lock lasts until ``unlock(_:)`` or the
    /// holder's death.
    func lock(_ path: String) throws(FileSystemError) -> StorageFileHandle
    /// Releases a lock from ``lock(_:)``.
    func unlock(_ handle: StorageFileHandle)
    /// The device and inode of an open file (`fstat`): with ``identity(atPath:)``, tells whether a
    /// held lock file is still the one at its path.
    func identity(of handle: StorageFileHandle) throws(FileSystemError) -> FileIdentity
    /// The device and inode of the file at `path` (`stat`), or `nil` when there is none.
    func identity(atPath path: String) throws(FileSystemError) -> FileIdentity?
    /// Whether `path` is an existing directory.
    func directoryExists(_ path: String) -> Bool
}

/// Which file a path or a descriptor is: its device and inode numbers (R-ADP-1).
package struct FileIdentity: Hashable, Sendable {
    /// The device number.
    package let device: UInt64
    /// The inode number.
    package let inode: UInt64

    /// Creates an identity.
    package init(device: UInt64, inode: UInt64) {
        self.device = device
        self.inode = inode
    }
}

/// An open file of a ``StorageFileSystem`` (R-ADP-1): a descriptor number, meaningful only to the
/// file system that returned it.
package struct StorageFileHandle: Hashable, Sendable {
    /// The descriptor (a POSIX file descriptor for ``PosixFileSystem``).
    package let rawValue: Int32

    /// Wraps a descriptor.
    package init(rawValue: Int32) { self.rawValue = rawValue }
}

/// A failed file operation (R-ADP-1): the operation, the path and the `errno` value.
package struct FileSystemError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation, e.g. `"write"`.
    package let operation: String
    /// The path concerned.
    package let path: String
    /// The `errno` value (e.g. `ENOSPC`).
    package let code: Int32

    /// Creates an error.
    package init(_ operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// A readable summary (R-ADP-1).
    package var description: String { "\(operation) \(path): errno \(code)" }
}
