/// How ``FileRecordStore/open(directory:options:readOnly:)`` sets up the embedded store (R-ADP-1).
public struct FileStoreOptions: Sendable {
    /// The disk: `PosixFileSystem` by default; `SimulatedDisk` (CPSKitTesting) in the package's tests.
    package var fileSystem: any StorageFileSystem
    /// Journal size in bytes (its real length, whichever process wrote it) after which a commit —
    /// or an open — compacts the store automatically (a snapshot and a fresh journal), so reopening
    /// stays fast; `0` turns automatic compaction off, a negative value is refused with
    /// ``StorageError/Reason/invalidOption``, and values up to `Int.max` never overflow.
    public var compactionThreshold: Int
    /// Called once by ``FileRecordStore/open(directory:options:readOnly:)`` when it dropped a torn
    /// journal tail (a write cut off by a crash): the bytes dropped and the commits begun in them
    /// (R-ADP-1). `nil` by default; CPSKit's `reporting(to:)` turns it into a `CPSEvent`.
    public var tornTailHandler: (@Sendable (_ droppedBytes: Int, _ droppedCommits: Int) -> Void)?
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

    /// Throws ``StorageError/Reason/invalidOption`` for a value out of range: a negative
    /// ``compactionThreshold`` (any value up to `Int.max` is fine: the sums saturate) (R-ADP-1).
    func validate() throws(StorageError) {
        guard compactionThreshold >= 0 else {
            throw StorageError(.invalidOption, subject: "compactionThreshold",
                               detail: "compactionThreshold \(compactionThreshold) is negative; 0 turns automatic compaction off")
        }
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
    /// Commits begun in the torn tail dropped when the store was opened (usually 1).
    public var droppedTailCommits = 0
    /// The last commit sequence written (format version 3: each journal frame carries one).
    public var commitSequence: UInt64 = 0
    /// The oldest format version among the files read on open (an older one is upgraded when the
    /// store opens for writing).
    public var openedFormatVersion = 3
}
