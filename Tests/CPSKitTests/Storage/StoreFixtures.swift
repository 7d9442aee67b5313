import CPSKit
import Foundation

/// The committed store directories of earlier format versions (Fixtures/format-1, format-2,
/// format-2-torn; see their READMEs), for the tests that open, upgrade or damage them (R-ADP-1).
enum StoreFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures", isDirectory: true)

    /// A copy of the fixture `name` in a temporary directory (opening may write to it).
    static func copy(_ name: String) throws -> URL {
        let copy = makeTemporaryDirectory(name)
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for file in ["snapshot", "journal"] {
            try FileManager.default.copyItem(at: directory.appendingPathComponent(name).appendingPathComponent(file),
                                             to: copy.appendingPathComponent(file))
        }
        return copy
    }

    /// The format version in the header of a store file.
    static func formatVersion(_ file: URL) throws -> UInt32 {
        let bytes = try Data(contentsOf: file)
        return bytes.dropFirst(8).prefix(4).reversed().reduce(0) { $0 << 8 | UInt32($1) }
    }

    /// The records of `kind` as `id@version payload` lines, in order.
    static func summary(_ store: any RecordStore, _ kind: String) async throws -> [String] {
        try await store.records(kind: kind, indexKey: nil).map {
            "\($0.id)@\($0.version) \(String(decoding: $0.payload, as: UTF8.self))"
        }
    }
}
