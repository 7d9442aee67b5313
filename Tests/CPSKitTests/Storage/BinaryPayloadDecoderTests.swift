import CPSKit
import CPSKitTesting
@testable import CPSRules
import Foundation
import Testing

/// Issue 17 item 2 (R-ADP-1): the binary payload decoder reads straight from the bytes, and gives the
/// same answers and the same errors as the reference path (the whole value tree first, then the type's
/// `init(from:)` over it): every record kind, unknown fields, every kind of damage, wrong shapes with
/// their coding paths, nested containers, `superDecoder`, dictionaries and optionals.
@Suite("Binary payload decoder (issue 17 item 2)")
struct BinaryPayloadDecoderTests {
    private static let magic = [BinaryPayloadFormat.magic, BinaryPayloadFormat.version]

    /// What a decode gave, comparable across the two paths: the value, or the error's kind, coding
    /// path and detail.
    private enum Outcome: Equatable, CustomStringConvertible {
        case value(String)
        case damaged(BinaryPayloadError)
        case decoding(String)
        case other(String)

        var description: String {
            switch self {
            case let .value(text): "value \(text)"
            case let .damaged(error): "damaged \(error)"
            case let .decoding(text): "decoding \(text)"
            case let .other(text): "other \(text)"
            }
        }
    }

    private static func pathText(_ path: [any CodingKey]) -> String {
        path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    private static func outcome<T: Decodable>(_ body: () throws -> T) -> Outcome {
        do {
            _ = try body()
            return .value("a value")
        } catch let error as BinaryPayloadError {
            return .damaged(error)
        } catch let error as DecodingError {
            switch error {
            case let .typeMismatch(type, context): return .decoding("typeMismatch \(type) at \(pathText(context.codingPath)): \(context.debugDescription)")
            case let .valueNotFound(type, context): return .decoding("valueNotFound \(type) at \(pathText(context.codingPath)): \(context.debugDescription)")
            case let .keyNotFound(key, context):
                return .decoding("keyNotFound \(key.stringValue) at \(pathText(context.codingPath)): \(context.debugDescription)")
            case let .dataCorrupted(context): return .decoding("dataCorrupted at \(pathText(context.codingPath)): \(context.debugDescription)")
            @unknown default: return .decoding("\(error)")
            }
        } catch {
            return .other("\(error)")
        }
    }

    /// Decodes `bytes` both ways and expects the same outcome; returns it.
    @discardableResult
    private static func agree<T: Decodable>(_ type: T.Type, _ bytes: Data, sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        let fast = outcome { try BinaryPayloadDecoder().decode(type, from: bytes) }
        let tree = outcome { try BinaryPayloadDecoder().decodeThroughTree(type, from: bytes) }
        #expect(fast == tree, sourceLocation: sourceLocation)
        return fast
    }

    /// As ``agree(_:_:sourceLocation:)``, and when both decode, to equal values.
    @discardableResult
    private static func agree<T: Decodable & Equatable>(_ type: T.Type, _ bytes: Data, sourceLocation: SourceLocation = #_sourceLocation) -> Outcome {
        let fast = outcome { try BinaryPayloadDecoder().decode(type, from: bytes) }
        let tree = outcome { try BinaryPayloadDecoder().decodeThroughTree(type, from: bytes) }
        #expect(fast == tree, sourceLocation: sourceLocation)
        if case .value = fast, case .value = tree {
            #expect((try? BinaryPayloadDecoder().decode(type, from: bytes)) == (try? BinaryPayloadDecoder().decodeThroughTree(type, from: bytes)),
                    sourceLocation: sourceLocation)
        }
        return fast
    }

    private static func agreeOnRecord(_ record: any StoredRecord & Equatable) throws -> Bool {
        func open<R: StoredRecord & Equatable>(_ record: R) throws -> Bool {
            let bytes = try BinaryPayloadEncoder().encode(record)
            let fast = try BinaryPayloadDecoder().decode(R.self, from: bytes)
            let tree = try BinaryPayloadDecoder().decodeThroughTree(R.self, from: bytes)
            return fast == record && tree == record
        }
        return try open(record)
    }

    @Test("R-ADP-1, issue 17 item 2: every record of every kind decodes from the bytes as through the value tree")
    func everyKindAgrees() async throws {
        for record in try await BinaryPayloadCodecTests.everyKind() {
            #expect(try Self.agreeOnRecord(record), "\(type(of: record).kind)")
        }
    }

    @Test("R-ADP-1, issue 17 item 2: property — every record kind with random values decodes as through the tree", arguments: [4, 5])
    func randomValuesAgree(seed: UInt64) async throws {
        var random = SeededRandomNumberGenerator(seed: seed)
        var firstOfKind: [String: any StoredRecord & Equatable] = [:]
        for record in try await BinaryPayloadCodecTests.everyKind() where firstOfKind[type(of: record).kind] == nil {
            firstOfKind[type(of: record).kind] = record
        }
        for (kind, sample) in firstOfKind.sorted(by: { $0.key < $1.key }) {
            for _ in 0..<25 {
                guard let variant = try BinaryPayloadCodecTests.mutated(sample, using: &random) else { continue }
                #expect(try Self.agreeOnRecord(variant), "\(kind)")
            }
        }
    }

    @Test("R-ADP-1, issue 17 item 2: fields a record type does not know (a newer minor version's) are skipped, whatever their shape")
    func unknownFieldsAreSkipped() async throws {
        let extra: [(key: String, value: BinaryValue)] = [
            (key: "", value: .null),
            (key: "aaaAdded", value: .array([.int(-5), .string("x"), .object([(key: "k", value: .data(Data([1, 2])))])])),
            (key: "zzzAdded", value: .object([(key: "deep", value: .array([.decimal("1.5"), .date(3), .float(1), .double(2), .uint(9)]))])),
        ]
        for record in RecordSamples.all {
            func open<R: StoredRecord & Equatable>(_ record: R) throws {
                let bytes = try BinaryPayloadEncoder().encode(record)
                let tree = try bytes.withUnsafeBytes { bytes throws(BinaryPayloadError) in try BinaryValue.read(payload: bytes) }
                guard case let .object(fields) = tree else { Issue.record("\(R.kind) is not keyed"); return }
                let wider = BinaryValue.object((fields + extra).sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) })
                let payload = Data(wider.payload())
                #expect(try BinaryPayloadDecoder().decode(R.self, from: payload) == record, "\(R.kind)")
                #expect(try BinaryPayloadDecoder().decodeThroughTree(R.self, from: payload) == record, "\(R.kind)")
                // Out of the encoder's order (the lookup's first-match path) the record still reads.
                let shuffled = Data(BinaryValue.object((fields + extra).reversed()).payload())
                #expect(try BinaryPayloadDecoder().decode(R.self, from: shuffled) == record, "\(R.kind) with its fields reversed")
            }
            try open(record)
        }
    }

    @Test("R-ADP-1, issue 17 item 2: every truncation of a real payload is a BinaryPayloadError, the same as the tree's")
    func everyTruncationIsDamage() async throws {
        let records = Array(RecordSamples.all.prefix(6))
        for record in records {
            func open<R: StoredRecord & Equatable>(_ record: R) throws {
                let bytes = [UInt8](try BinaryPayloadEncoder().encode(record))
                for length in 0..<bytes.count {
                    let outcome = Self.agree(R.self, Data(bytes[0..<length]))
                    guard case .damaged = outcome else {
                        Issue.record("\(R.kind) cut at \(length) of \(bytes.count): \(outcome)")
                        continue
                    }
                }
            }
            try open(record)
        }
    }

    @Test("R-ADP-1, issue 17 item 2: every single-byte change of a real payload gives the tree's outcome, never a trap")
    func everyByteChangeAgrees() throws {
        let record = RecordSamples.all[0]
        func open<R: StoredRecord & Equatable>(_ record: R) throws {
            let bytes = [UInt8](try BinaryPayloadEncoder().encode(record))
            for position in bytes.indices {
                for replacement: UInt8 in [0x00, 0x01, 0x07, 0x0C, 0x7F, 0x80, 0xC3, 0xFF] {
                    var damaged = bytes
                    damaged[position] = replacement
                    Self.agree(R.self, Data(damaged))
                }
            }
        }
        try open(record)
    }

    struct Small: Codable, Equatable { var a: Int }

    /// Reads nothing: what it refuses, only the check of the whole payload refused.
    struct Anything: Decodable { init(from decoder: any Decoder) throws {} }

    @Test("R-ADP-1, issue 17 item 2: damage in a field the type never reads is refused before init(from:) runs")
    func damageInUnreadFields() throws {
        // {"a": 1, "b": <string of the byte 0xFF>}
        let badString = Data(Self.magic + [0x0C, 2, 1, UInt8(ascii: "a"), 0x03, 2, 1, UInt8(ascii: "b"), 0x07, 1, 0xFF])
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode(Small.self, from: badString) }
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode(Anything.self, from: badString) }
        Self.agree(Small.self, badString)
        // A key that is not UTF-8, a decimal that is not, an unknown tag deep inside.
        let badKey = Data(Self.magic + [0x0C, 2, 1, UInt8(ascii: "a"), 0x03, 2, 2, 0xC3, 0x28, 0x00])
        let badDecimal = Data(Self.magic + [0x0C, 2, 1, UInt8(ascii: "a"), 0x03, 2, 1, UInt8(ascii: "b"), 0x0A, 2, 0xE2, 0x82])
        let badTag = Data(Self.magic + [0x0C, 2, 1, UInt8(ascii: "a"), 0x03, 2, 1, UInt8(ascii: "b"), 0x0B, 1, 0x0B, 1, 0x0D])
        for bytes in [badKey, badDecimal, badTag] {
            #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode(Anything.self, from: bytes) }
            #expect(Self.agree(Small.self, bytes) != .value("a value"))
        }
        // A valid non-ASCII string in an unread field is fine.
        let fine = Data(Self.magic + [0x0C, 2, 1, UInt8(ascii: "a"), 0x03, 2, 1, UInt8(ascii: "b"), 0x07, 2, 0xC3, 0xA5])
        #expect(try BinaryPayloadDecoder().decode(Small.self, from: fine) == Small(a: 1))
    }

    @Test("R-ADP-1, issue 17 item 2: trailing bytes, depth 65, an 11-byte varint and a count beyond the bytes left are refused")
    func hostileStructure() throws {
        let value = [UInt8](try BinaryPayloadEncoder().encode(Small(a: 7)))
        let trailing = Data(value + [0x00])
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode(Small.self, from: trailing) }
        #expect(Self.agree(Small.self, trailing) == .damaged(BinaryPayloadError("1 bytes after the value")))

        func nested(_ depth: Int) -> Data {   // `depth` arrays, each holding the next; nil innermost
            Data(Self.magic + Array(repeating: [UInt8(0x0B), 0x01], count: depth).flatMap { $0 } + [0x00])
        }
        // Depth counts from the top value (0): 65 arrays put the innermost nil at depth 65.
        #expect(throws: Never.self) { try BinaryPayloadDecoder().decode(Anything.self, from: nested(BinaryPayloadFormat.maximumDepth)) }
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode(Anything.self, from: nested(BinaryPayloadFormat.maximumDepth + 1)) }
        Self.agree(Anything.self, nested(BinaryPayloadFormat.maximumDepth + 1))

        // An 11-byte varint: its tenth byte still says "more", which no 64-bit value needs.
        let eleven = Data(Self.magic + [0x04] + [UInt8](repeating: 0x80, count: 10) + [0x01])
        #expect(Self.agree(UInt64.self, eleven) == .damaged(BinaryPayloadError("a varint does not fit 64 bits")))
        let ten = Data(Self.magic + [0x04] + [UInt8](repeating: 0xFF, count: 9) + [0x01])
        #expect(try BinaryPayloadDecoder().decode(UInt64.self, from: ten) == .max)
        let tooWide = Data(Self.magic + [0x04] + [UInt8](repeating: 0xFF, count: 9) + [0x02])
        #expect(Self.agree(UInt64.self, tooWide) == .damaged(BinaryPayloadError("a varint does not fit 64 bits")))

        let manyItems = Data(Self.magic + [0x0B, 0x05, 0x00, 0x00])   // five items in two bytes
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode([Int?].self, from: manyItems) }
        Self.agree([Int?].self, manyItems)
        let longString = Data(Self.magic + [0x0C, 1, 1, UInt8(ascii: "a"), 0x07, 0x03, 0x41])
        Self.agree(Anything.self, longString)
        #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode(Anything.self, from: longString) }
        for bytes in [Data(), Data([BinaryPayloadFormat.magic]), Data([BinaryPayloadFormat.magic, 2, 0]), Data("{}".utf8)] {
            #expect(throws: BinaryPayloadError.self) { try BinaryPayloadDecoder().decode(Anything.self, from: bytes) }
            Self.agree(Anything.self, bytes)
        }
    }

    struct Inner: Codable, Equatable { var when: Date; var amount: Decimal; var link: URL }
    struct Outer: Codable, Equatable {
        var name: String
        var inner: Inner
        var items: [Inner]
        var small: Int8
        var ratio: Double
    }

    @Test("R-ADP-1, issue 17 item 2: a value of the wrong shape is a DecodingError with the same coding path as the tree's")
    func wrongShapes() throws {
        let good = Inner(when: Date(timeIntervalSince1970: 5), amount: Decimal(string: "12.5")!, link: URL(string: "https://canon.se/a")!)
        let outer = Outer(name: "n", inner: good, items: [good, good], small: 3, ratio: 0.5)
        let tree = try BinaryPayloadEncoder().encodeValue(outer)
        #expect(Self.agree(Outer.self, Data(tree.payload())) == .value("a value"))
        #expect(try BinaryPayloadDecoder().decode(Outer.self, from: Data(tree.payload())) == outer)

        /// `tree` with the value at `path` replaced.
        func replacing(_ value: BinaryValue, at path: ArraySlice<String>, with new: BinaryValue) -> BinaryValue {
            guard let step = path.first else { return new }
            switch value {
            case let .object(fields):
                return .object(fields.map { $0.key == step ? (key: $0.key, value: replacing($0.value, at: path.dropFirst(), with: new)) : $0 })
            case let .array(items):
                return .array(items.enumerated().map { $0.offset == Int(step) ? replacing($0.element, at: path.dropFirst(), with: new) : $0.element })
            default: return value
            }
        }
        let cases: [([String], BinaryValue, String)] = [
            (["name"], .int(1), "typeMismatch String at name"),
            (["small"], .int(300), "typeMismatch Int8 at small"),
            (["small"], .uint(3), ""),
            (["ratio"], .float(0.5), ""),
            (["ratio"], .string("0.5"), "typeMismatch Double at ratio"),
            (["inner"], .array([]), "typeMismatch Dictionary<String, Any> at inner"),
            (["items"], .object([]), "typeMismatch Array<Any> at items"),
            (["items", "1", "when"], .double(5), "typeMismatch Date at items.[1].when"),
            (["items", "1", "when"], .date(.nan), "dataCorrupted at items.[1].when"),
            (["items", "0", "amount"], .decimal("x"), "typeMismatch Decimal at items.[0].amount"),
            (["inner", "link"], .int(0), "typeMismatch URL at inner.link"),
            (["inner", "amount"], .null, "typeMismatch Decimal at inner.amount"),
            (["inner"], .object([(key: "amount", value: .decimal("1"))]), "keyNotFound when at inner"),
        ]
        for (path, new, expected) in cases {
            let outcome = Self.agree(Outer.self, Data(replacing(tree, at: path[...], with: new).payload()))
            if expected.isEmpty {
                guard case .value = outcome else { Issue.record("\(path): \(outcome)"); continue }
            } else {
                guard case let .decoding(text) = outcome, text.hasPrefix(expected) else { Issue.record("\(path): \(outcome), wanted \(expected)"); continue }
            }
        }
        // An array that runs out: valueNotFound at the index after the last.
        struct Pair: Decodable, Equatable {
            var first: Int, second: Int
            init(from decoder: any Decoder) throws {
                var items = try decoder.unkeyedContainer()
                first = try items.decode(Int.self)
                second = try items.decode(Int.self)
            }
        }
        let outcome = Self.agree(Pair.self, Data(BinaryValue.object([(key: "x", value: .array([.int(1)]))]).payload()))
        #expect(outcome.description.contains("typeMismatch Array<Any>"))
        let short = Self.agree(Pair.self, Data(BinaryValue.array([.int(1)]).payload()))
        #expect(short.description.contains("valueNotFound Any at [1]"), "\(short)")
    }

    /// Uses every container operation by hand.
    struct Everything: Codable, Equatable {
        var texts: [String: String]
        var counts: [Int: Int]
        var maybe: Int?
        var missing: String?
        var null: Bool?
        var nestedKeyed: Int
        var nestedUnkeyed: [Int?]
        var base: Int
        var named: String
        var single: Small
        var floats: [Float]

        enum CodingKeys: String, CodingKey { case texts, counts, maybe, missing, null, nested, list, single, floats, named }
        enum NestedKeys: String, CodingKey { case value }

        init(texts: [String: String], counts: [Int: Int], maybe: Int?, nestedKeyed: Int, nestedUnkeyed: [Int?], base: Int, named: String,
             single: Small, floats: [Float]) {
            self.texts = texts; self.counts = counts; self.maybe = maybe; self.missing = nil; self.null = nil
            self.nestedKeyed = nestedKeyed; self.nestedUnkeyed = nestedUnkeyed; self.base = base; self.named = named
            self.single = single; self.floats = floats
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            texts = try container.decode([String: String].self, forKey: .texts)
            counts = try container.decode([Int: Int].self, forKey: .counts)
            maybe = try container.decodeIfPresent(Int.self, forKey: .maybe)
            missing = try container.decodeIfPresent(String.self, forKey: .missing)
            null = try container.decodeNil(forKey: .null) ? nil : try container.decode(Bool.self, forKey: .null)
            #expect(container.contains(.null) && !container.contains(.missing))
            nestedKeyed = try container.nestedContainer(keyedBy: NestedKeys.self, forKey: .nested).decode(Int.self, forKey: .value)
            var list = try container.nestedUnkeyedContainer(forKey: .list)
            var items: [Int?] = []
            while !list.isAtEnd { items.append(try list.decodeNil() ? nil : try list.decode(Int.self)) }
            #expect(list.count == items.count)
            nestedUnkeyed = items
            base = try container.superDecoder().singleValueContainer().decode(Int.self)
            named = try String(from: container.superDecoder(forKey: .named))
            single = try container.decode(Small.self, forKey: .single)
            floats = try container.decode([Float].self, forKey: .floats)
            #expect(container.allKeys.count >= 8)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(texts, forKey: .texts)
            try container.encode(counts, forKey: .counts)
            try container.encodeIfPresent(maybe, forKey: .maybe)
            try container.encodeNil(forKey: .null)
            var nested = container.nestedContainer(keyedBy: NestedKeys.self, forKey: .nested)
            try nested.encode(nestedKeyed, forKey: .value)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            for item in nestedUnkeyed { if let item { try list.encode(item) } else { try list.encodeNil() } }
            try base.encode(to: container.superEncoder())
            try named.encode(to: container.superEncoder(forKey: .named))
            try container.encode(single, forKey: .single)
            try container.encode(floats, forKey: .floats)
        }
    }

    @Test("R-ADP-1, issue 17 item 2: nested containers, superDecoder, String- and Int-keyed dictionaries, decodeIfPresent and decodeNil")
    func everyContainerOperation() throws {
        let many = Dictionary(uniqueKeysWithValues: (0..<40).map { ("key\($0)", "value \($0) åäö") })
        let value = Everything(texts: many, counts: [3: 30, -1: 10, 200: 2], maybe: 4, nestedKeyed: 9, nestedUnkeyed: [1, nil, 3],
                               base: 77, named: "super named", single: Small(a: -2), floats: [1.5, -0])
        let bytes = try BinaryPayloadEncoder().encode(value)
        #expect(try BinaryPayloadDecoder().decode(Everything.self, from: bytes) == value)
        #expect(Self.agree(Everything.self, bytes) == .value("a value"))
        // A missing super field reads as nil.
        struct Optional: Decodable { var base: Int?
            init(from decoder: any Decoder) throws {
                base = try decoder.container(keyedBy: BinaryCodingKey.self).superDecoder().singleValueContainer().decodeNil() ? nil : 1
            }
        }
        #expect(try BinaryPayloadDecoder().decode(Optional.self, from: try BinaryPayloadEncoder().encode(Small(a: 1))).base == nil)
        // Floats widen to doubles; a large map is read by key in any order.
        #expect(try BinaryPayloadDecoder().decode([Double].self, from: try BinaryPayloadEncoder().encode([Float(1.5)])) == [1.5])
        struct Reverse: Decodable { var values: [String]
            init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: BinaryCodingKey.self)
                values = try (0..<40).reversed().map { try container.decode(String.self, forKey: BinaryCodingKey("key\($0)")) }
            }
        }
        #expect(try BinaryPayloadDecoder().decode(Reverse.self, from: try BinaryPayloadEncoder().encode(many)).values
                == (0..<40).reversed().map { many["key\($0)"]! })
    }
}
