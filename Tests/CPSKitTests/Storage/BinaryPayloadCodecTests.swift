import CPSKit
import CPSKitTesting
@testable import CPSRules
import Foundation
import Testing

/// Issue 17 item 2 (R-ADP-1): the binary payload format round-trips every record kind, is canonical,
/// skips unknown fields, and refuses damaged bytes with an error instead of trapping.
@Suite("Binary payload format")
struct BinaryPayloadCodecTests {
    private static func roundTrip<R: StoredRecord & Equatable>(_ record: R) throws -> (R, Data) {
        let bytes = try BinaryPayloadEncoder().encode(record)
        return (try BinaryPayloadDecoder().decode(R.self, from: bytes), bytes)
    }

    private static func check(_ record: any StoredRecord & Equatable) throws -> Bool {
        func open<R: StoredRecord & Equatable>(_ record: R) throws -> Bool {
            let (back, bytes) = try roundTrip(record)
            // Canonical: encoding the decoded value gives the same bytes.
            let again = try BinaryPayloadEncoder().encode(back)
            return back == record && again == bytes
        }
        return try open(record)
    }

    /// The samples and every record of every kind a whole sample journey leaves.
    static func everyKind() async throws -> [any StoredRecord & Equatable] {
        RecordSamples.all + (try await RecordSamples.journey())
    }

    @Test("R-ADP-1: every record of every kind round-trips unchanged, and re-encodes to the same bytes")
    func everySampleRoundTrips() async throws {
        let records = try await Self.everyKind()
        #expect(Set(records.map { type(of: $0).kind }).count >= SampleJourney.recordKinds.count)
        for record in records {
            #expect(try Self.check(record), "\(type(of: record).kind)")
        }
    }

    /// Each sample with its leaves changed at random in its JSON form (strings, numbers, booleans),
    /// kept where the record type still accepts it; every kept variant must round-trip.
    @Test("R-ADP-1: property — every record kind with random values round-trips", arguments: [1, 2, 3])
    func randomValuesRoundTrip(seed: UInt64) async throws {
        var random = SeededRandomNumberGenerator(seed: seed)
        var firstOfKind: [String: any StoredRecord & Equatable] = [:]
        for record in try await Self.everyKind() where firstOfKind[type(of: record).kind] == nil {
            firstOfKind[type(of: record).kind] = record
        }
        for (kind, sample) in firstOfKind.sorted(by: { $0.key < $1.key }) {
            var accepted = 0
            for _ in 0..<60 {
                guard let variant = try Self.mutated(sample, using: &random) else { continue }
                accepted += 1
                #expect(try Self.check(variant), "\(kind)")
            }
            #expect(accepted > 0, "no random variant of \(kind) decoded")
        }
    }

    static func mutated(_ sample: any StoredRecord & Equatable,
                                using random: inout SeededRandomNumberGenerator) throws -> (any StoredRecord & Equatable)? {
        func open<R: StoredRecord & Equatable>(_ record: R) throws -> (any StoredRecord & Equatable)? {
            let json = try JSONSerialization.jsonObject(with: try PayloadCodec.json.encode(record))
            // One or two leaves changed per variant, so that most variants still satisfy the type.
            var changed = json
            for _ in 0..<Int.random(in: 1...2, using: &random) {
                var seen = 0
                let target = Int.random(in: 0..<max(1, leafCount(changed)), using: &random)
                changed = mutate(changed, target: target, seen: &seen, using: &random)
            }
            let data = try JSONSerialization.data(withJSONObject: changed, options: [.fragmentsAllowed])
            return try? PayloadCodec.decode(R.self, from: data)
        }
        return try open(sample)
    }

    /// How many leaves (scalars) a JSON object tree has.
    static func leafCount(_ value: Any) -> Int {
        switch value {
        case let object as [String: Any]: object.values.reduce(0) { $0 + leafCount($1) }
        case let array as [Any]: array.reduce(0) { $0 + leafCount($1) }
        default: 1
        }
    }

    /// `value` with its leaf number `target` (depth first, keys sorted) replaced by a random value of
    /// the same JSON type; with `removingFields`, the field holding it is sometimes removed instead,
    /// and with `wide`, numbers may be negative and strings longer.
    static func mutate(_ value: Any, target: Int, seen: inout Int, removingFields: Bool = false, wide: Bool = false,
                       using random: inout SeededRandomNumberGenerator) -> Any {
        switch value {
        case let object as [String: Any]:
            var copy = object
            for key in object.keys.sorted() {
                let before = seen
                copy[key] = mutate(object[key]!, target: target, seen: &seen, removingFields: removingFields, wide: wide, using: &random)
                if removingFields, before <= target, target < seen, Int.random(in: 0..<6, using: &random) == 0 { copy[key] = nil }
            }
            return copy
        case let array as [Any]:
            return array.map { mutate($0, target: target, seen: &seen, removingFields: removingFields, wide: wide, using: &random) }
        default:
            defer { seen += 1 }
            guard seen == target else { return value }
            switch value {
            case let number as NSNumber:
                if String(cString: number.objCType) == "c" { return Bool.random(using: &random) }
                if number.doubleValue.rounded() == number.doubleValue {
                    return Int.random(in: (wide ? -1_000_000 : 0)...Int(Int32.max), using: &random)
                }
                return Double.random(in: (wide ? -2_000_000_000 : 0)...2_000_000_000, using: &random)
            case is String:
                let alphabet = Array("aZ09 éłőčřśž€漢🙂\"\\\n\u{0}-.@")
                return String((0..<Int.random(in: 0...(wide ? 40 : 12), using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            default:
                return value
            }
        }
    }

    struct Shape: Codable, Equatable {
        var name: String
        var counts: [String: Int]
        var amount: Decimal
        var when: Date
        var bytes: Data
        var maybe: Int?
        var nested: [[Double]]
        var flag: Bool
        var small: Int8
        var large: UInt64
    }

    @Test("R-ADP-1: dictionaries in sorted order, canonical Decimal and Date, raw UTF-8 strings")
    func canonicalForms() throws {
        var a = Shape(name: "Ljusbild ÅÄÖ łőčřśž", counts: ["b": 2, "a": 1, "c": 3], amount: Decimal(string: "1250.50")!,
                      when: Date(timeIntervalSince1970: 1_795_000_000.123), bytes: Data([0, 1, 255]), maybe: nil,
                      nested: [[1.5, -0.0], []], flag: true, small: -128, large: .max)
        let bytes = try BinaryPayloadEncoder().encode(a)
        #expect(bytes.first == BinaryPayloadFormat.magic)
        #expect(try BinaryPayloadDecoder().decode(Shape.self, from: bytes) == a)
        // Insertion order does not change the bytes.
        a.counts = ["c": 3, "a": 1, "b": 2]
        #expect(try BinaryPayloadEncoder().encode(a) == bytes)
        // The same decimal written differently is the same bytes.
        a.amount = Decimal(string: "1250.500")!
        #expect(try BinaryPayloadEncoder().encode(a) == bytes)
        // Strings are stored as their UTF-8 bytes, uncompressed (a byte scan finds them).
        #expect(bytes.range(of: Data("Ljusbild ÅÄÖ łőčřśž".utf8)) != nil)
        #expect(BinaryValue.date(-0.0).payload() == BinaryValue.date(0).payload())
    }

    struct Newer: Codable { var id: String; var added: [String: String]; var count: Int }
    struct Older: Codable, Equatable { var id: String; var count: Int }

    @Test("R-ADP-1: fields a reader does not know are skipped (a newer minor version's payload reads)")
    func unknownFieldsSkipped() throws {
        let bytes = try BinaryPayloadEncoder().encode(Newer(id: "x", added: ["k": "v"], count: 3))
        #expect(try BinaryPayloadDecoder().decode(Older.self, from: bytes) == Older(id: "x", count: 3))
    }

    @Test("R-ADP-1: JSON payloads of earlier versions still read; the first byte tells the formats apart")
    func jsonStillReads() throws {
        let record = RecordSamples.all[0]
        func open<R: StoredRecord & Equatable>(_ record: R) throws {
            let json = try PayloadCodec.json.encode(record)
            #expect(json.first == UInt8(ascii: "{"))
            #expect(try PayloadCodec.decode(R.self, from: json) == record)
            #expect(try PayloadCodec.decode(R.self, from: try PayloadCodec.binary.encode(record)) == record)
        }
        try open(record)
    }

    @Test("R-ADP-1: every truncation and every single-byte change is an error or a value, never a trap")
    func damagedPayloads() throws {
        let bytes = [UInt8](try BinaryPayloadEncoder().encode(Shape(name: "n", counts: ["a": 1], amount: 1, when: Date(timeIntervalSince1970: 0),
                                                                  bytes: Data([1]), maybe: 5, nested: [[1]], flag: false, small: 1, large: 2)))
        for length in 0..<bytes.count {
            #expect(throws: (any Error).self) { try BinaryPayloadDecoder().decode(Shape.self, from: Data(bytes[0..<length])) }
        }
        for position in bytes.indices {
            for replacement: UInt8 in [0x00, 0x7F, 0x80, 0xFF] {
                var damaged = bytes
                damaged[position] = replacement
                _ = try? BinaryPayloadDecoder().decode(Shape.self, from: Data(damaged))
            }
        }
    }

    @Test("R-ADP-1: a length beyond the bytes left, an over-long varint and deep nesting are refused")
    func hostileLengths() {
        let magic = [BinaryPayloadFormat.magic, BinaryPayloadFormat.version]
        let huge = magic + [0x07, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]   // a string of 2^63 bytes
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode(String.self, from: Data(huge)) }
        let longVarint = magic + [0x04] + [UInt8](repeating: 0x80, count: 11) + [0x01]
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode(UInt64.self, from: Data(longVarint)) }
        let manyItems = magic + [0x0B, 0xFF, 0xFF, 0xFF, 0x0F]   // an array claiming 2^32 items in 0 bytes
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode([Int].self, from: Data(manyItems)) }
        let deep = magic + [UInt8](repeating: 0x0B, count: 1).flatMap { _ in [UInt8]() }
            + Array(repeating: [UInt8(0x0B), 0x01], count: BinaryPayloadFormat.maximumDepth + 2).flatMap { $0 } + [0x00]
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode([[Int]].self, from: Data(deep)) }
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode(Int.self, from: Data(magic + [0x03, 0x02, 0x00])) }
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode(Int.self, from: Data([BinaryPayloadFormat.magic, 9, 0x03, 0x02])) }
    }

    @Test("R-ADP-1: the bundled stores name their codec; a store in JSON and one in binary hold the same records")
    func storesNameTheirCodec() async throws {
        #expect(InMemoryRecordStore().payloadCodec == .binary)
        let json = TestEnvironment(store: InMemoryRecordStore(payloadCodec: .json))
        let active = try await json.activeAccount()
        let envelope = try #require(try await json.store.record(kind: BusinessAccount.kind, id: active.account.id.rawValue))
        #expect(envelope.payload.first == UInt8(ascii: "{"))
        let binary = TestEnvironment()
        let other = try await binary.activeAccount()
        let stored = try #require(try await binary.store.record(kind: BusinessAccount.kind, id: other.account.id.rawValue))
        #expect(BinaryPayloadFormat.isBinary(stored.payload))
        #expect(try await binary.store.fetch(BusinessAccount.self, id: other.account.id)?.record == other.account)
    }

    @Test("R-ADP-1: a date that is NaN or infinite is refused as damage, so every decoded record survives a round trip (the fuzzer's find)")
    func nonFiniteDatesAreRefused() throws {
        struct Stamp: Codable, Equatable { let at: Date }
        for seconds in [Double.nan, .infinity, -.infinity] {
            let bytes = [BinaryPayloadFormat.magic, BinaryPayloadFormat.version]
                + BinaryValue.object([(key: "at", value: .date(seconds))]).payload().dropFirst(2)
            #expect(throws: (any Error).self) { try BinaryPayloadDecoder().decode(Stamp.self, from: Data(bytes)) }
        }
        let built = [BinaryPayloadFormat.magic, BinaryPayloadFormat.version]
            + BinaryValue.object([(key: "at", value: .date(1.5))]).payload().dropFirst(2)
        #expect(try BinaryPayloadDecoder().decode(Stamp.self, from: Data(built)) == Stamp(at: Date(timeIntervalSince1970: 1.5)),
                "the same bytes with a finite date decode")
        let fine = try BinaryPayloadEncoder().encode(Stamp(at: Date(timeIntervalSince1970: 1_796_000_000.5)))
        #expect(try BinaryPayloadDecoder().decode(Stamp.self, from: fine) == Stamp(at: Date(timeIntervalSince1970: 1_796_000_000.5)))
        // The fuzzer's input: an application whose attestation date had become NaN.
        let found = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/BinaryPayloadDecodeFuzz/nan-date-application")
        let payload = Data([BinaryPayloadFormat.magic, BinaryPayloadFormat.version]) + (try Data(contentsOf: found))
        #expect(throws: (any Error).self) { try BinaryPayloadDecoder().decode(BusinessAccountApplication.self, from: payload) }
    }
}
