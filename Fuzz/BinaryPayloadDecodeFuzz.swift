// libFuzzer target: the binary payload format (issue 17 item 2, R-ADP-1). The bytes after the magic
// byte and version are read as a value tree and as records of three kinds. Never a crash or a huge
// allocation; a tree that reads writes back to bytes that read to the same tree; a record that
// decodes encodes to bytes that decode to the same record; the decoder that reads straight from the
// bytes gives what the reference path (the value tree first) gives: the same record, or an error of
// the same kind (the same BinaryPayloadError).
import Foundation

func binaryPayloadDecodeFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let payload = [BinaryPayloadFormat.magic, BinaryPayloadFormat.version] + fuzzBytes(data, size)
    let tree = payload.withUnsafeBytes { bytes in try? BinaryValue.read(payload: bytes) }
    if let tree {
        let again = tree.payload().withUnsafeBytes { bytes in try? BinaryValue.read(payload: bytes) }
        fuzzCheck(again == tree, "a value tree does not read back after writing")
    }
    let bytes = Data(payload)
    binaryRecordRoundTrip(Invoice.self, bytes)
    binaryRecordRoundTrip(BusinessAccountApplication.self, bytes)
    binaryRecordRoundTrip(OutboxMail.self, bytes)
    return 0
}

private func binaryRecordRoundTrip<R: StoredRecord & Equatable>(_ type: R.Type, _ bytes: Data) {
    let fast = Result { try BinaryPayloadDecoder().decode(R.self, from: bytes) }
    let tree = Result { try BinaryPayloadDecoder().decodeThroughTree(R.self, from: bytes) }
    switch (fast, tree) {
    case let (.success(a), .success(b)): fuzzCheck(a == b, "a \(R.kind) reads differently from the bytes and through the tree")
    case let (.failure(a), .failure(b)):
        fuzzCheck((a as? BinaryPayloadError) == (b as? BinaryPayloadError) && (a is DecodingError) == (b is DecodingError),
                  "a \(R.kind) fails differently from the bytes (\(a)) and through the tree (\(b))")
    default: fuzzCheck(false, "a \(R.kind) reads one way only: from the bytes \(fast), through the tree \(tree)")
    }
    guard let record = try? fast.get() else { return }
    guard let encoded = try? BinaryPayloadEncoder().encode(record) else {
        fuzzCheck(false, "a decoded \(R.kind) does not encode")
        return
    }
    fuzzCheck((try? BinaryPayloadDecoder().decode(R.self, from: encoded)) == record, "a \(R.kind) changed in a round trip")
}
