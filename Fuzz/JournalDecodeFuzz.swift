// libFuzzer target: decodes arbitrary bytes as a journal and as a snapshot of the embedded store
// (R-ADP-1). Recovery must never crash on damaged input: it returns the committed batches, drops a
// torn tail, or throws StorageError. Built with the lower layers' sources by `Scripts/fuzz.sh`:
//   swiftc -sanitize=fuzzer,address -parse-as-library Sources/{CPSRules,CPSRecords,CPSFileStore}/**/*.swift Fuzz/*.swift
// The input is used twice: as is (so the fuzzer must find a valid header) and behind a valid
// journal header (so it explores the frame and batch decoders right away).
func journalDecodeFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    var table = RecordTable()
    _ = try? StorageFormat.readJournal(input) { table.apply($0.batch, collect: false) }
    _ = try? StorageFormat.readSnapshot(Array(input), into: &table)

    let header = StorageFormat.encodeHeader(StorageFormat.Header(
        magic: StorageFormat.journalMagic, version: StorageFormat.version, generation: 0, count: 0))
    let framed = header + Array(input)
    var replayed = RecordTable()
    framed.withUnsafeBytes { raw in
        _ = try? StorageFormat.readJournal(raw) { frame in
            // What recovery replays must also be what validation would accept or reject cleanly.
            _ = try? replayed.validate(frame.batch)
            replayed.apply(frame.batch, collect: false)
        }
        _ = StorageFormat.frame(in: raw, at: StorageFormat.headerSize)
        _ = StorageFormat.validFrameExists(in: raw, after: 0)
    }
    return 0
}
