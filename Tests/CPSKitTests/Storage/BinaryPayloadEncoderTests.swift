import CPSKit
import CPSKitTesting
@testable import CPSRules
import Foundation
import Testing

/// Issue 17 item 2 (R-ADP-1): the tree-free binary encoder writes byte for byte what the reference
/// tree encoder writes, takes its fast path for every record kind, and falls back to the reference
/// encoder when a value uses its containers out of order.
@Suite("Binary payload encoder (fast path)")
struct BinaryPayloadEncoderTests {
    /// The fast path's bytes, the public encoder's bytes and the reference's bytes agree; returns
    /// whether the fast path did it alone.
    @discardableResult
    private static func agree<T: Encodable>(_ value: T, _ comment: Comment? = nil,
                                            sourceLocation: SourceLocation = #_sourceLocation) throws -> Bool {
        let encoder = BinaryPayloadEncoder()
        let reference = try encoder.encodeReference(value)
        let public_ = try encoder.encode(value)
        #expect(public_ == reference, comment, sourceLocation: sourceLocation)
        guard let fast = try encoder.encodeFastPath(value) else { return false }
        #expect(Data(fast) == reference, comment, sourceLocation: sourceLocation)
        return true
    }

    private static func everyKind() async throws -> [any StoredRecord & Equatable] {
        RecordSamples.all + (try await RecordSamples.journey())
    }

    @Test("R-ADP-1 (issue 17 item 2): every record of every kind: the fast encoder's bytes are the reference encoder's, without falling back")
    func everyRecordKind() async throws {
        let records = try await Self.everyKind()
        #expect(Set(records.map { type(of: $0).kind }).count >= SampleJourney.recordKinds.count)
        for record in records {
            func open<R: StoredRecord & Equatable>(_ record: R) throws {
                #expect(try Self.agree(record, "\(R.kind)"), "\(R.kind) fell back to the reference encoder")
            }
            try open(record)
        }
    }

    @Test("R-ADP-1 (issue 17 item 2): property — every record kind with random values: the same bytes as the reference encoder",
          arguments: [11, 12, 13] as [UInt64])
    func randomRecords(seed: UInt64) async throws {
        var random = SeededRandomNumberGenerator(seed: seed)
        var firstOfKind: [String: any StoredRecord & Equatable] = [:]
        for record in try await Self.everyKind() where firstOfKind[type(of: record).kind] == nil {
            firstOfKind[type(of: record).kind] = record
        }
        for (kind, sample) in firstOfKind.sorted(by: { $0.key < $1.key }) {
            func open<R: StoredRecord & Equatable>(_ record: R) throws -> Int {
                let json = try JSONSerialization.jsonObject(with: try PayloadCodec.json.encode(record))
                var accepted = 0
                for _ in 0..<40 {
                    var changed = json
                    for _ in 0..<Int.random(in: 1...3, using: &random) {
                        var seen = 0
                        let target = Int.random(in: 0..<max(1, BinaryPayloadCodecTests.leafCount(changed)), using: &random)
                        changed = BinaryPayloadCodecTests.mutate(changed, target: target, seen: &seen, removingFields: true, wide: true, using: &random)
                    }
                    let data = try JSONSerialization.data(withJSONObject: changed, options: [.fragmentsAllowed])
                    guard let variant = try? PayloadCodec.decode(R.self, from: data) else { continue }
                    accepted += 1
                    #expect(try Self.agree(variant, "\(kind)"), "\(kind) fell back")
                }
                return accepted
            }
            #expect(try open(sample) > 0, "no random variant of \(kind) decoded")
        }
    }


    // MARK: - Shapes

    struct Leaves: Codable {
        var text = "Ljusbild ÅÄÖ 漢🙂"
        var empty = ""
        var int = Int.min
        var int8 = Int8.min
        var int16 = Int16.max
        var int32 = Int32.min
        var int64 = Int64.max
        var uint = UInt.max
        var uint8 = UInt8.max
        var uint16 = UInt16.max
        var uint32 = UInt32.max
        var uint64 = UInt64.max
        var double = -0.0
        var nan = Double.nan
        var float = Float(1.5)
        var flag = false
        var date = Date(timeIntervalSince1970: -0.0)
        var later = Date(timeIntervalSince1970: 1_795_000_000.123)
        var decimal = Decimal(string: "-1250.500")!
        var data = Data([0, 1, 255])
        var noData = Data()
        var url = URL(string: "https://cps.example/a?b=c")!
        var optionalSet: Int? = 7
        var optionalNil: String?
        var dates: [Date] = [Date(timeIntervalSince1970: 1), Date(timeIntervalSince1970: -0.0)]
        var decimals: [Decimal] = [1, Decimal(string: "0.001")!]
        var urls: [URL?] = [nil, URL(string: "file:///tmp/x")!]
        var optionals: [Int?] = [1, nil, 3]
        var nestedOptional: Int?? = .some(nil)
    }

    @Test("R-ADP-1 (issue 17 item 2): every scalar and Foundation leaf, optionals set, nil and nested, in fields and arrays")
    func leaves() throws {
        #expect(try Self.agree(Leaves()))
        #expect(try Self.agree("top-level string"))
        #expect(try Self.agree(42))
        #expect(try Self.agree(Date(timeIntervalSince1970: -0.0)))
        #expect(try Self.agree(Decimal(string: "3.14")!))
        #expect(try Self.agree(Data([9])))
        #expect(try Self.agree(URL(string: "https://x.example")!))
        #expect(try Self.agree(Int?.none))
        #expect(try Self.agree([Leaves(), Leaves()]))
    }

    struct Nesting: Codable {
        var zeta: [[String: [Int]]]
        var alpha: [String: [String: Double]]
        var empties: [String: [Int]]
        var emptyList: [Int] = []
        var emptyMap: [String: Int] = [:]
        var nothing = Nothing()
        var matrix: [[[Bool]]]
    }

    struct Nothing: Codable {}

    @Test("R-ADP-1 (issue 17 item 2): nested arrays and dictionaries, empty containers and values without fields")
    func nesting() throws {
        let value = Nesting(zeta: [["b": [1, 2], "a": [], "ab": [3]], [:]],
                            alpha: ["z": ["y": 1, "x": 2], "": ["": 0], "a": [:]],
                            empties: ["k": []], matrix: [[[true, false], []], [], [[true]]])
        #expect(try Self.agree(value))
        #expect(try Self.agree(Nothing()))
        #expect(try Self.agree([Nothing]()))
        #expect(try Self.agree([String: Nothing]()))
        #expect(try Self.agree([[Int]](repeating: [], count: 3)))
    }

    @Test("R-ADP-1 (issue 17 item 2): dictionaries with unsorted keys, keys that prefix others, ≥ 128 keys and ≥ 128 items, long and non-ASCII keys",
          arguments: [1, 2, 127, 128, 129, 300, 20_000])
    func largeDictionaries(size: Int) throws {
        var random = SeededRandomNumberGenerator(seed: UInt64(size))
        var map: [String: Int] = [:]
        for index in 0..<size { map["k\(String(index, radix: 7))\(index % 3 == 0 ? "é" : "")"] = Int.random(in: .min ... .max, using: &random) }
        #expect(try Self.agree(map))
        #expect(try Self.agree(Array(map.values)))
        let long = String(repeating: "x", count: 200)
        let nested: [String: [String: String]] = [long: ["b": long, long + "a": "v"], "ä": Dictionary(uniqueKeysWithValues: map.keys.map { ($0, $0) }),
                                                  "a": [:], "ab": ["": ""]]
        #expect(try Self.agree(nested))
        #expect(try Self.agree([Int: String](uniqueKeysWithValues: (0..<size).map { ($0 * 7 - 50, "\($0)") })))
        #expect(try Self.agree(["nested": (0..<size).map { ["i": $0] }]))
    }

    indirect enum Event: Codable {
        case started
        case named(String)
        case moved(from: Int, to: Int, at: Date?)
        case nested(Event?, [Event])
    }

    @Test("R-ADP-1 (issue 17 item 2): enums with associated values (synthesised nested containers) take the fast path")
    func enumsWithAssociatedValues() throws {
        let events: [Event] = [.started, .named("a"), .moved(from: 1, to: -2, at: nil), .moved(from: 0, to: 0, at: Date(timeIntervalSince1970: 5)),
                               .nested(.nested(nil, [.started]), [.named(""), .moved(from: 3, to: 4, at: nil)])]
        #expect(try Self.agree(events))
        for event in events { #expect(try Self.agree(event)) }
    }

    // MARK: - Unusual container use

    /// Writes into a nested container after a sibling field was written: out of order.
    struct OutOfOrder: Encodable {
        enum Keys: String, CodingKey { case z, a, inner, b }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var inner = container.nestedContainer(keyedBy: Keys.self, forKey: .inner)
            try container.encode(1, forKey: .z)
            try inner.encode("late", forKey: .b)
            try container.encode(2, forKey: .a)
            try inner.encode("later", forKey: .a)
        }
    }

    /// Keeps a nested unkeyed container and a super encoder for later.
    struct KeptForLater: Encodable {
        enum Keys: String, CodingKey { case list, parent, c }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            let parent = container.superEncoder(forKey: .parent)
            try container.encode(true, forKey: .c)
            try list.encode(1)
            try Nothing().encode(to: parent)
            var single = parent.singleValueContainer()
            try single.encode("p")
        }
    }

    /// A super encoder used at once (in order), a default-named one and one from an unkeyed container.
    struct InOrderSuper: Encodable {
        enum Keys: String, CodingKey { case b, a, base, list }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("b", forKey: .b)
            try Leaves().encode(to: container.superEncoder())
            try [1, 2].encode(to: container.superEncoder(forKey: .base))
            _ = container.superEncoder(forKey: .a)   // never used: an empty keyed value
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try "x".encode(to: list.superEncoder())
            try list.encode(2)
        }
    }

    /// Two keyed containers of one encoder, sharing the fields.
    struct TwoContainers: Encodable {
        enum First: String, CodingKey { case m, b }
        enum Second: String, CodingKey { case a, z }
        func encode(to encoder: any Encoder) throws {
            var first = encoder.container(keyedBy: First.self)
            var second = encoder.container(keyedBy: Second.self)
            try first.encode(1, forKey: .m)
            try second.encode(2, forKey: .z)
            try first.encode(3, forKey: .b)
            try second.encode(4, forKey: .a)
        }
    }

    /// A key written twice (the last one wins) and mixed container kinds on one encoder.
    struct Twice: Encodable {
        enum Keys: String, CodingKey { case a, b }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .a)
            try container.encode(2, forKey: .b)
            try container.encode("again", forKey: .a)
        }
    }

    struct Mixed: Encodable {
        enum Keys: String, CodingKey { case a }
        func encode(to encoder: any Encoder) throws {
            var single = encoder.singleValueContainer()
            try single.encode(5)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .a)
        }
    }

    /// Keys that are equal as `String`s but not as bytes (the reference encoder merges them).
    struct Equivalent: Encodable {
        struct Key: CodingKey {
            var stringValue: String
            init(stringValue: String) { self.stringValue = stringValue }
            var intValue: Int? { nil }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(1, forKey: Key(stringValue: "\u{E9}"))
            try container.encode(2, forKey: Key(stringValue: "e\u{301}"))
        }
    }

    @Test("R-ADP-1 (issue 17 item 2): containers used out of order, kept for later, a key written twice, mixed kinds: the fallback gives the reference bytes")
    func fallback() throws {
        #expect(try !Self.agree(OutOfOrder()))
        #expect(try !Self.agree(KeptForLater()))
        #expect(try !Self.agree(Twice()))
        #expect(try !Self.agree(Mixed()))
        #expect(try !Self.agree(Equivalent()))
        #expect(try !Self.agree(["x": [OutOfOrder()]]), "a fallback deep inside falls back for the whole value")
    }

    @Test("R-ADP-1 (issue 17 item 2): super encoders used in order and two containers of one encoder stay on the fast path")
    func superEncoderInOrder() throws {
        #expect(try Self.agree(InOrderSuper()))
        #expect(try Self.agree(TwoContainers()))
        #expect(try Self.agree([TwoContainers(), TwoContainers()]))
    }

    // MARK: - Errors

    struct Refused: Error, Equatable { let path: [String] }

    /// Writes some fields, then throws with its coding path.
    struct Failing: Encodable {
        enum Keys: String, CodingKey { case items, name }
        let fail: Bool
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("before", forKey: .name)
            var items = container.nestedUnkeyedContainer(forKey: .items)
            try items.encode(1)
            var item = items.nestedContainer(keyedBy: Keys.self)
            try item.encode("x", forKey: .name)
            if fail { throw Refused(path: (item.codingPath + [Keys.name]).map { $0.intValue.map(String.init) ?? $0.stringValue }) }
        }
    }

    struct Holder: Encodable { var first: Int; var list: [Failing] }

    @Test("R-ADP-1 (issue 17 item 2): an error thrown midway is the value's own error with the reference coding path, and the encoder encodes the next value afresh")
    func errorMidway() throws {
        let encoder = BinaryPayloadEncoder()
        let failing = Holder(first: 1, list: [Failing(fail: false), Failing(fail: true)])
        let fast = #expect(throws: Refused.self) { try encoder.encode(failing) }
        let reference = #expect(throws: Refused.self) { try encoder.encodeReference(failing) }
        #expect(fast == reference)
        #expect(fast?.path == ["list", "1", "items", "1", "name"])
        let fine = Holder(first: 2, list: [Failing(fail: false)])
        #expect(try Self.agree(fine))
        #expect(try encoder.encode(fine) == encoder.encodeReference(fine))
    }
}
