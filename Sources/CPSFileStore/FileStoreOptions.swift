/// How ``FileRecordStore/open(directory:options:)`` sets up the embedded store (R-ADP-1).
public struct FileStoreOptions: Sendable {
    /// The disk: `PosixFileSystem` by default; `SimulatedDisk` (CPSKitTesting) in the package's tests.
    package var fileSystem: any StorageFileSystem
    /// Journal size in bytes after which a commit compacts the store automatically (a snapshot and
    /// a fresh journal), so reopening stays fast; `0` turns automatic compaction off.
    public var compactionThreshold: Int
    /// Test-only: skips the `fsync` of commits, which breaks durability. Tests assert that the
    /// power-loss check fails with it, proving the check can fail.
    var _unsafeSkipFsync = false

    /// Options with the real disk and, by default, a 64 MiB compaction threshold.
    public init(compactionThreshold: Int = 64 << 20) {
        self.init(fileSystem: PosixFileSystem(), compactionThreshold: compactionThreshold)
    }

    /// Options on `fileSystem`: the test kit's `SimulatedDisk` in the package's tests.
    package init(fileSystem: any StorageFileSystem, compactionThreshold: Int = 64 << 20) {
        self.fileSystem = fileSystem
        self.compactionThreshold = compactionThreshold
    }
}

/// Counters of a ``FileRecordStore`` for tests and diagnostics (R-ADP-1).
public struct FileStoreStatistics: Sendable, Equatable {
    /// Batches committed since the store was opened.
    public var committedBatches = 0
    /// `fsync` calls that made commits durable (fewer than ``committedBatches`` under group commit).
    public var journalSyncs = 0
    /// Commits queued behind the one being written (the next group).
    public var waitingCommits = 0
    /// Compactions since the store was opened.
    public var compactions = 0
    /// The current journal's size in bytes, header included.
    public var journalLength = 0
    /// The generation of the current snapshot and journal (+1 per compaction).
    public var generation: UInt64 = 0
    /// Bytes of a torn tail dropped when the store was opened.
    public var droppedTailBytes = 0
}
