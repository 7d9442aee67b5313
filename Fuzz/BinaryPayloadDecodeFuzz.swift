// libFuzzer target: the binary payload format (issue 17 item 2, R-ADP-1). The bytes after the magic
// byte and version are read as a value tree and as records of three kinds. Never a crash or a huge
// allocation; a tree that reads writes back to bytes that read to the same tree; a record that
// decodes encodes to bytes that decode to the same record.
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
    guard let record = try? BinaryPayloadDecoder().decode(R.self, from: bytes) else { return }
    guard let encoded = try? BinaryPayloadEncoder().encode(record) else {
        fuzzCheck(false, "a decoded \(R.kind) does not encode")
        return
    }
    fuzzCheck((try? BinaryPayloadDecoder().decode(R.self, from: encoded)) == record, "a \(R.kind) changed in a round trip")
}
