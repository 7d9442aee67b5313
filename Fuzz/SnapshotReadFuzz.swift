// libFuzzer target: the version-4 snapshot read in place (SnapshotBase, RecordTable over it; issue 17
// item 1, R-ADP-1). Whatever the bytes, opening and every read must return or throw StorageError —
// never trap, hang or read out of bounds. The first input byte picks the mode: even, the input is the
// whole file; odd, the input overwrites part of a valid snapshot and every checksum is then
// recomputed (SnapshotLayout.reseal), so the directory, section and record decoders see malformed
// content that no checksum stops.
import Foundation

private let seedSnapshot: [UInt8] = {
    var table = RecordTable()
    let writes: [RecordWrite] = (0..<12).map { number in
        .put(RecordEnvelope(kind: number % 3 == 0 ? "kind.a" : "kind.b", id: "r\(number)", version: 0,
                            payload: Data("payload \(number)".utf8), uniqueKeys: ["u\(number)"],
                            indexKeys: ["day:2026-12-0\(number % 4)", "all"]), expectedVersion: 0)
    }
    _ = try? table.commit(WriteBatch(writes))
    _ = try? table.commit(WriteBatch([.delete(kind: "kind.b", id: "r1", expectedVersion: 1)]))
    let bytes = Locked<[UInt8]>([])
    try? SnapshotWriter.write(table, generation: 1, commitSequence: 2) { chunk in bytes.withLock { $0 += chunk } }
    return bytes.withLock { $0 }
}()

func snapshotReadFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    var file: [UInt8]
    if let mode = input.first, mode & 1 == 1, input.count >= 3 {
        file = seedSnapshot
        let at = (Int(input[1]) << 8 | Int(input[2])) % max(1, file.count)
        let patch = input.dropFirst(3).prefix(file.count - at)
        file.replaceSubrange(at..<(at + patch.count), with: patch)
        SnapshotLayout.reseal(&file)
    } else {
        file = Array(input.dropFirst())
    }
    let disk = SimulatedDisk()
    try? disk.createDirectory("/s")
    guard let handle = try? disk.createFile("/s/snapshot") else { return 0 }
    try? file.withUnsafeBytes { raw in try disk.write(handle, raw, at: 0) }
    disk.close(handle)
    guard let reading = try? disk.openForReading("/s/snapshot"),
          let base = try? SnapshotBase(handle: reading, fileSystem: disk, file: "/s/snapshot") else { return 0 }
    let table = RecordTable(base: base)
    for kind in table.allKindNames {
        _ = try? table.records(kind: kind, indexKey: nil)
        _ = try? table.page(kind: kind, indexKey: "all", after: RecordCursor(sequence: 3, lastID: "r2"), limit: 2)
        if let baseKind = base.kinds[kind], let keys = try? base.indexKeys(baseKind) {
            for (key, _) in keys.prefix(8) { _ = try? table.records(kind: kind, indexKey: key) }
        }
        _ = try? table.allTombstones(kind: kind)
        for number in 0..<4 { _ = try? table.record(kind: kind, id: "r\(number)") }
    }
    for number in 0..<4 { _ = try? table.record(holding: "u\(number)") }
    var writable = table
    _ = try? writable.commit(WriteBatch([.put(RecordEnvelope(kind: "kind.a", id: "r0", version: 0, payload: Data([1])),
                                              expectedVersion: 1)]))
    try? base.verifyAllBlocks()
    return 0
}
