import CPSKit
import Foundation

/// The baseline of the `payload-codec-*` rows: a coder written by hand for each record kind's fields,
/// writing the bytes of `BinaryPayloadFormat` directly (fields in sorted key order, nil fields left
/// out, as the codec does) and reading them back with a key switch — no value tree, no `Codable`.
enum HandCoder {
    // MARK: - Encoding

    struct Writer {
        var bytes: [UInt8] = [0xCB, 1]
        init() { bytes.reserveCapacity(256) }

        mutating func varint(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
                value >>= 7
            }
            bytes.append(UInt8(value))
        }
        mutating func object(_ count: Int) { bytes.append(0x0C); varint(UInt64(count)) }
        mutating func key(_ key: StaticString) {
            varint(UInt64(key.utf8CodeUnitCount))
            bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        }
        mutating func string(_ value: String) {
            bytes.append(0x07)
            var value = value
            value.withUTF8 { utf8 in
                varint(UInt64(utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }
        mutating func int(_ value: Int) { bytes.append(0x03); varint(UInt64(bitPattern: Int64((value << 1) ^ (value >> 63)))) }
        mutating func bool(_ value: Bool) { bytes.append(value ? 0x02 : 0x01) }
        mutating func date(_ value: Date) {
            bytes.append(0x09)
            let seconds = value.timeIntervalSince1970
            var bits = (seconds == 0 ? 0 : seconds).bitPattern.littleEndian
            withUnsafeBytes(of: &bits) { bytes.append(contentsOf: $0) }
        }
        mutating func field(_ name: StaticString, _ value: String) { key(name); string(value) }
        mutating func field(_ name: StaticString, _ value: Int) { key(name); int(value) }
        mutating func field(_ name: StaticString, _ value: Date) { key(name); date(value) }
        mutating func field(_ name: StaticString, _ value: Bool) { key(name); bool(value) }
    }

    @Sendable static func encode(_ product: ProductRegistration) -> [UInt8] {
        var out = Writer()
        let present = [product.allocatedPoints != nil, product.completedAt != nil, product.countryOfPurchase != nil,
                       product.dealer != nil, product.legacyMembershipNumber != nil, product.purchaseDate != nil,
                       product.removalReason != nil, product.removedAt != nil, product.serial != nil]
        out.object(8 + present.reduce(0) { $0 + ($1 ? 1 : 0) })
        out.field("accountID", product.accountID.rawValue)
        if let points = product.allocatedPoints { out.field("allocatedPoints", points) }
        if let completed = product.completedAt { out.field("completedAt", completed) }
        if let country = product.countryOfPurchase { out.field("countryOfPurchase", country.code) }
        if let dealer = product.dealer { out.field("dealer", dealer) }
        out.field("id", product.id.rawValue)
        out.field("inCatalog", product.inCatalog)
        if let legacy = product.legacyMembershipNumber { out.field("legacyMembershipNumber", legacy) }
        out.field("model", product.model)
        out.field("modelKey", product.modelKey)
        if let date = product.purchaseDate { out.field("purchaseDate", date.description) }
        out.field("registeredAt", product.registeredAt)
        if let reason = product.removalReason { out.field("removalReason", reason.rawValue) }
        if let removed = product.removedAt { out.field("removedAt", removed) }
        if let serial = product.serial { out.field("serial", serial.value) }
        out.field("source", product.source.rawValue)
        out.field("status", product.status.rawValue)
        return out.bytes
    }

    @Sendable static func encode(_ entry: LedgerEntry) -> [UInt8] {
        var out = Writer()
        out.object(9)
        out.field("accountID", entry.accountID.rawValue)
        out.field("actor", entry.actor)
        out.field("at", entry.at)
        out.field("completeRegistrationsDelta", entry.completeRegistrationsDelta)
        out.field("entryKind", entry.entryKind.rawValue)
        out.field("id", entry.id)
        out.field("points", entry.points)
        out.field("reason", entry.reason)
        out.field("registrationID", entry.registrationID.rawValue)
        return out.bytes
    }

    @Sendable static func encode(_ balance: PointsBalance) -> [UInt8] {
        var out = Writer()
        out.object(4 + (balance.invitationMailID != nil ? 1 : 0) + (balance.invitedAt != nil ? 1 : 0))
        out.field("completeRegistrations", balance.completeRegistrations)
        out.field("entryCount", balance.entryCount)
        out.field("id", balance.id.rawValue)
        if let mail = balance.invitationMailID { out.field("invitationMailID", mail) }
        if let invited = balance.invitedAt { out.field("invitedAt", invited) }
        out.field("points", balance.points)
        return out.bytes
    }

    // MARK: - Decoding

    struct Failure: Error {}

    struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset = 2

        init(_ bytes: UnsafeRawBufferPointer) throws {
            guard bytes.count >= 3, bytes[0] == 0xCB, bytes[1] == 1 else { throw Failure() }
            self.bytes = bytes
        }

        mutating func byte() throws -> UInt8 {
            guard offset < bytes.count else { throw Failure() }
            defer { offset += 1 }
            return bytes[offset]
        }
        mutating func varint() throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let byte = try byte()
                guard shift < 64 else { throw Failure() }
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
        }
        mutating func span() throws -> UnsafeRawBufferPointer {
            let count = Int(try varint())
            guard count <= bytes.count - offset else { throw Failure() }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count])
        }
        mutating func objectCount() throws -> Int {
            guard try byte() == 0x0C else { throw Failure() }
            return Int(try varint())
        }
        mutating func key() throws -> UnsafeRawBufferPointer { try span() }
        mutating func string() throws -> String {
            guard try byte() == 0x07 else { throw Failure() }
            return String(decoding: try span(), as: UTF8.self)
        }
        mutating func int() throws -> Int {
            guard try byte() == 0x03 else { throw Failure() }
            let raw = try varint()
            return Int(Int64(bitPattern: raw >> 1) ^ -Int64(bitPattern: raw & 1))
        }
        mutating func bool() throws -> Bool {
            switch try byte() {
            case 0x01: false
            case 0x02: true
            default: throw Failure()
            }
        }
        mutating func date() throws -> Date {
            guard try byte() == 0x09, bytes.count - offset >= 8 else { throw Failure() }
            var bits: UInt64 = 0
            withUnsafeMutableBytes(of: &bits) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + 8])) }
            offset += 8
            return Date(timeIntervalSince1970: Double(bitPattern: UInt64(littleEndian: bits)))
        }
        /// Skips a value of an unknown field (the scalar kinds these records use).
        mutating func skip() throws {
            switch try byte() {
            case 0x00, 0x01, 0x02: break
            case 0x03, 0x04: _ = try varint()
            case 0x05, 0x09: guard bytes.count - offset >= 8 else { throw Failure() }; offset += 8
            case 0x07, 0x08, 0x0A: _ = try span()
            default: throw Failure()
            }
        }
    }

    /// Whether `key` is the bytes of `name`.
    static func matches(_ key: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
        key.count == name.utf8CodeUnitCount && memcmp(key.baseAddress!, name.utf8Start, key.count) == 0
    }

    @Sendable static func product(_ payload: [UInt8]) throws -> ProductRegistration {
        try payload.withUnsafeBytes { bytes in
            var reader = try Reader(bytes)
            var id, accountID, model, modelKey, dealer, legacy, serial, purchaseDate, country, source, status, removalReason: String?
            var inCatalog: Bool?
            var registeredAt, completedAt, removedAt: Date?
            var allocatedPoints: Int?
            for _ in 0..<(try reader.objectCount()) {
                let key = try reader.key()
                switch key.count {
                case 2 where matches(key, "id"): id = try reader.string()
                case 5 where matches(key, "model"): model = try reader.string()
                case 6 where matches(key, "dealer"): dealer = try reader.string()
                case 6 where matches(key, "serial"): serial = try reader.string()
                case 6 where matches(key, "source"): source = try reader.string()
                case 6 where matches(key, "status"): status = try reader.string()
                case 8 where matches(key, "modelKey"): modelKey = try reader.string()
                case 9 where matches(key, "accountID"): accountID = try reader.string()
                case 9 where matches(key, "inCatalog"): inCatalog = try reader.bool()
                case 9 where matches(key, "removedAt"): removedAt = try reader.date()
                case 11 where matches(key, "completedAt"): completedAt = try reader.date()
                case 12 where matches(key, "registeredAt"): registeredAt = try reader.date()
                case 12 where matches(key, "purchaseDate"): purchaseDate = try reader.string()
                case 13 where matches(key, "removalReason"): removalReason = try reader.string()
                case 15 where matches(key, "allocatedPoints"): allocatedPoints = try reader.int()
                case 17 where matches(key, "countryOfPurchase"): country = try reader.string()
                case 22 where matches(key, "legacyMembershipNumber"): legacy = try reader.string()
                default: try reader.skip()
                }
            }
            guard let id, let accountID, let model, let modelKey, let inCatalog, let registeredAt,
                  let source = source.flatMap(ProductSource.init(rawValue:)),
                  let status = status.flatMap(ProductRegistration.Status.init(rawValue:)) else { throw Failure() }
            var product = ProductRegistration(
                id: ProductRegistration.ID(id), accountID: BusinessAccount.ID(accountID), model: model, modelKey: modelKey,
                serial: serial.map(SerialNumber.init(storedValue:)), purchaseDate: try purchaseDate.map { try PurchaseDate(parsing: $0) },
                countryOfPurchase: try country.map { guard let code = CountryCode($0) else { throw Failure() }; return code },
                dealer: dealer, source: source, legacyMembershipNumber: legacy, inCatalog: inCatalog, registeredAt: registeredAt)
            product.status = status
            product.completedAt = completedAt
            product.allocatedPoints = allocatedPoints
            product.removedAt = removedAt
            product.removalReason = try removalReason.map { guard let reason = ProductRemovalReason(rawValue: $0) else { throw Failure() }; return reason }
            return product
        }
    }

    @Sendable static func ledgerEntry(_ payload: [UInt8]) throws -> LedgerEntry {
        try payload.withUnsafeBytes { bytes in
            var reader = try Reader(bytes)
            var id, accountID, registrationID, kind, reason, actor: String?
            var points, delta: Int?
            var at: Date?
            for _ in 0..<(try reader.objectCount()) {
                let key = try reader.key()
                switch key.count {
                case 2 where matches(key, "id"): id = try reader.string()
                case 2 where matches(key, "at"): at = try reader.date()
                case 5 where matches(key, "actor"): actor = try reader.string()
                case 6 where matches(key, "points"): points = try reader.int()
                case 6 where matches(key, "reason"): reason = try reader.string()
                case 9 where matches(key, "accountID"): accountID = try reader.string()
                case 9 where matches(key, "entryKind"): kind = try reader.string()
                case 14 where matches(key, "registrationID"): registrationID = try reader.string()
                case 26 where matches(key, "completeRegistrationsDelta"): delta = try reader.int()
                default: try reader.skip()
                }
            }
            guard let id, let accountID, let registrationID, let reason, let actor, let points, let delta, let at,
                  let kind = kind.flatMap(LedgerEntry.Kind.init(rawValue:)) else { throw Failure() }
            return LedgerEntry(id: id, accountID: BusinessAccount.ID(accountID), registrationID: ProductRegistration.ID(registrationID),
                               kind: kind, points: points, completeRegistrationsDelta: delta, at: at, reason: reason,
                               actorDescription: actor)
        }
    }

    @Sendable static func balance(_ payload: [UInt8]) throws -> PointsBalance {
        try payload.withUnsafeBytes { bytes in
            var reader = try Reader(bytes)
            var id, mail: String?
            var points, registrations, entries: Int?
            var invitedAt: Date?
            for _ in 0..<(try reader.objectCount()) {
                let key = try reader.key()
                switch key.count {
                case 2 where matches(key, "id"): id = try reader.string()
                case 6 where matches(key, "points"): points = try reader.int()
                case 9 where matches(key, "invitedAt"): invitedAt = try reader.date()
                case 10 where matches(key, "entryCount"): entries = try reader.int()
                case 16 where matches(key, "invitationMailID"): mail = try reader.string()
                case 21 where matches(key, "completeRegistrations"): registrations = try reader.int()
                default: try reader.skip()
                }
            }
            guard let id, let points, let registrations, let entries else { throw Failure() }
            var balance = PointsBalance(accountID: BusinessAccount.ID(id))
            balance.points = points
            balance.completeRegistrations = registrations
            balance.entryCount = entries
            balance.invitedAt = invitedAt
            balance.invitationMailID = mail
            return balance
        }
    }
}
