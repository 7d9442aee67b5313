import CPSKit
import CPSKitTesting
import Foundation

/// The binary payload codec (issue 17 item 2, R-ADP-1) on the main record kinds: encode + decode of
/// each record through `PayloadCodec.binary` (the generic `Codable` encoder and decoder the stores
/// use), against a hand-written coder of the same fields that writes **the same bytes** (checked
/// equal) and reads them back into an equal record (`HandCoder`).
enum PayloadCodecBench {
    static let product = workload("payload-codec-product", records: products, encode: HandCoder.encode, decode: HandCoder.product)
    static let ledger = workload("payload-codec-ledger", records: ledgerEntries, encode: HandCoder.encode, decode: HandCoder.ledgerEntry)
    static let balance = workload("payload-codec-balance", records: balances, encode: HandCoder.encode, decode: HandCoder.balance)

    static func workload<R: StoredRecord & Equatable>(
        _ name: String, records: @escaping @Sendable (Int) -> [R],
        encode: @escaping @Sendable (R) -> [UInt8], decode: @escaping @Sendable ([UInt8]) throws -> R
    ) -> Workload {
        Workload(name: name, targetRatio: 2) { context in
            let count = context.size(100_000, smoke: 1_000)
            let values = records(count)
            // Both coders agree byte for byte, and both read back the record.
            for value in values.prefix(1_000) {
                let ours = try PayloadCodec.binary.encode(value)
                let hand = encode(value)
                guard Array(ours) == hand else {
                    throw BenchFailure("\(R.kind): the hand-written coder's bytes differ from the codec's (\(ours.count) vs \(hand.count) bytes)")
                }
                guard try PayloadCodec.decode(R.self, from: ours) == value, try decode(hand) == value else {
                    throw BenchFailure("\(R.kind): a record did not read back equal")
                }
            }
            var bytes = 0
            let (ours, baseline) = try Clock.compare(repetitions: context.repetitions, ours: {
                try Clock.time {
                    var total = 0
                    for value in values {
                        let payload = try PayloadCodec.binary.encode(value)
                        total &+= payload.count
                        blackHole(try PayloadCodec.decode(R.self, from: payload))
                    }
                    bytes = total
                }
            }, baseline: {
                try Clock.time {
                    var total = 0
                    for value in values {
                        let payload = encode(value)
                        total &+= payload.count
                        blackHole(try decode(payload))
                    }
                    blackHole(total)
                }
            })
            return Comparison(ours: ours, baseline: baseline,
                              notes: ["records": String(count), "bytesPerRecord": String(bytes / max(count, 1)),
                                      "perRecord": Format.value(ours / Double(count), .seconds)])
        }
    }

    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    @Sendable static func products(_ count: Int) -> [ProductRegistration] {
        (0..<count).map { index in
            var product = ProductRegistration(
                id: ProductRegistration.ID("product-\(index)"), accountID: BusinessAccount.ID("account-\(index / 40)"),
                model: "EOS R\(index % 9)", modelKey: "EOSR\(index % 9)",
                serial: index % 7 == 0 ? nil : SerialNumber(storedValue: "SN\(100_000 + index)"),
                purchaseDate: try? PurchaseDate(parsing: "2025-0\(1 + index % 9)-1\(index % 10)"),
                countryOfPurchase: index % 5 == 0 ? nil : "SE", dealer: index % 3 == 0 ? nil : "Foto Lindqvist AB",
                source: index % 4 == 0 ? .migrated : .registered,
                legacyMembershipNumber: index % 4 == 0 ? "CPS-\(index)" : nil, inCatalog: index % 11 != 0,
                registeredAt: start.addingTimeInterval(Double(index)))
            if index % 2 == 0 {
                product.completedAt = start.addingTimeInterval(Double(index) + 60)
                product.allocatedPoints = 100 + index % 400
            }
            if index % 13 == 0 {
                product.status = .removed
                product.removedAt = start.addingTimeInterval(Double(index) + 3_600)
                product.removalReason = .sold
            }
            return product
        }
    }

    @Sendable static func ledgerEntries(_ count: Int) -> [LedgerEntry] {
        (0..<count).map { index in
            LedgerEntry(id: "ledger-\(index)", accountID: BusinessAccount.ID("account-\(index / 40)"),
                        registrationID: ProductRegistration.ID("product-\(index)"),
                        kind: LedgerEntry.Kind.allCases[index % LedgerEntry.Kind.allCases.count],
                        points: index % 2 == 0 ? 250 : -250, completeRegistrationsDelta: index % 3 - 1,
                        at: start.addingTimeInterval(Double(index)), reason: "product completed",
                        actorDescription: "user:user-\(index / 40)")
        }
    }

    @Sendable static func balances(_ count: Int) -> [PointsBalance] {
        (0..<count).map { index in
            var balance = PointsBalance(accountID: BusinessAccount.ID("account-\(index)"))
            balance.points = index % 5_000
            balance.completeRegistrations = index % 300
            balance.entryCount = index % 1_000
            if index % 2 == 0 {
                balance.invitedAt = start.addingTimeInterval(Double(index))
                balance.invitationMailID = "mail-\(index)"
            }
            return balance
        }
    }
}
