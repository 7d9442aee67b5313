import CPSKit
import Foundation

extension CommandSpec {
    /// `cps _store-crash-writer DIR`: a hidden helper for the crash test of the embedded store
    /// (R-ADP-1). It commits batches to the ``FileRecordStore`` in `DIR` forever (or `--count N`
    /// times) and prints `committed N` to standard output, unbuffered, after each commit returned.
    /// The test kills it with SIGKILL at random moments and checks that every printed commit is
    /// in the store and no batch is half there.
    ///
    /// Each batch `N` updates the record `crash.counter/counter` to `N` (version `N`) and inserts
    /// `crash.item/item-N` with the payload ``crashItemPayload(_:)``, the unique key `item:N` and
    /// the index key `bucket:N%4`.
    static let storeCrashWriter = CommandSpec(
        name: "_store-crash-writer",
        summary: "(hidden) write to a store until killed, for the crash test",
        help: """
        Usage: cps _store-crash-writer DIR [--count N] [--compact-bytes BYTES]

        Commits batches to the embedded store in DIR and prints "committed N" after each one.
        Used by the crash test of CPSKit's file store (R-ADP-1); not for everyday use.
        """,
        valuedOptions: ["--count", "--compact-bytes"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--count", "--compact-bytes"], maxPositionals: 1)
        let directory = URL(fileURLWithPath: try invocation.arguments.positional(0, "DIR"))
        let count = Int(invocation.arguments.option("--count") ?? "") ?? Int.max
        let compactBytes = Int(invocation.arguments.option("--compact-bytes") ?? "") ?? 16_384
        let store = try FileRecordStore.open(directory: directory,
                                             options: FileStoreOptions(compactionThreshold: compactBytes))
        defer { store.close() }
        var done = try await store.record(kind: crashCounterKind, id: "counter")?.version ?? 0
        while done < count {
            let next = done + 1
            let counter = RecordEnvelope(kind: crashCounterKind, id: "counter", version: next,
                                         payload: Data(String(next).utf8))
            let item = RecordEnvelope(kind: crashItemKind, id: "item-\(next)", version: 1, payload: crashItemPayload(next),
                                      uniqueKeys: ["item:\(next)"], indexKeys: ["bucket:\(next % 4)"])
            try await store.commit(WriteBatch([.put(counter, expectedVersion: done), .put(item, expectedVersion: 0)]))
            FileHandle.standardOutput.write(Data("committed \(next)\n".utf8))
            done = next
        }
        return .success
    }

    /// The record kind of the crash writer's counter.
    static let crashCounterKind = "crash.counter"
    /// The record kind of the crash writer's items.
    static let crashItemKind = "crash.item"

    /// The payload of item `number`: its number and a filler whose length varies, so frames differ.
    package static func crashItemPayload(_ number: UInt64) -> Data {
        Data(("item \(number) " + String(repeating: "abcdefghij", count: Int(number % 37))).utf8)
    }
}
