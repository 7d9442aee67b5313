extension FileStoreOptions {
    /// These options with ``tornTailHandler`` sending ``CPSEvent/journalTailDropped(bytes:commits:)``
    /// to `events` when ``FileRecordStore/open(directory:options:readOnly:)`` drops a torn journal
    /// tail (R-ADP-1, R-UOW-3).
    ///
    /// ```swift
    /// let events = EventSink { event in logger.warning("\(event)") }
    /// let store = try await FileRecordStore.open(directory: url, options: FileStoreOptions().reporting(to: events))
    /// ```
    public func reporting(to events: EventSink) -> FileStoreOptions {
        var options = self
        options.tornTailHandler = { bytes, commits in events.emit(.journalTailDropped(bytes: bytes, commits: commits)) }
        return options
    }
}
