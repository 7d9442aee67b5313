import CPSKit
import Foundation

/// What the test-only `cps-store-crash-writer` executable writes and the crash test of the file
/// store checks (R-ADP-1): batch `N` updates the record `crash.counter/counter` to `N` (version `N`)
/// and inserts `crash.item/item-N` with ``itemPayload(_:)``, the unique key `item:N` and the index
/// key `bucket:N%4`. Not part of the `cps` tool (issue 16, item 9).
public enum StoreCrashWriterRecords {
    /// The record kind of the counter.
    public static let counterKind = "crash.counter"
    /// The record kind of the items.
    public static let itemKind = "crash.item"

    /// The payload of item `number`: its number and a filler whose length varies, so frames differ.
    public static func itemPayload(_ number: UInt64) -> Data {
        Data(("item \(number) " + String(repeating: "abcdefghij", count: Int(number % 37))).utf8)
    }

    /// The batch that takes the store from `done` commits to `done + 1`.
    public static func batch(after done: UInt64) -> WriteBatch {
        let next = done + 1
        let counter = RecordEnvelope(kind: counterKind, id: "counter", version: next, payload: Data(String(next).utf8))
        let item = RecordEnvelope(kind: itemKind, id: "item-\(next)", version: 1, payload: itemPayload(next),
                                  uniqueKeys: ["item:\(next)"], indexKeys: ["bucket:\(next % 4)"])
        return WriteBatch([.put(counter, expectedVersion: done), .put(item, expectedVersion: 0)])
    }
}
