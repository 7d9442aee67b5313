import CPSKit
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Memory per registered product in `InMemoryRecordStore`: the resident growth (`/proc/self/statm`)
/// across committing many `ProductRegistration`s, per product, against the product's encoded JSON
/// (the envelope payload `RecordCoder` produces).
enum ProductMemoryBench {
    static let workload = Workload(name: "memory-per-product", targetRatio: 4) { context in
        let count = context.size(1_000_000, smoke: 10_000)
        let registeredAt = Date(timeIntervalSince1970: 1_780_000_000)
        let date = try PurchaseDate(year: 2025, month: 6)
        func registration(_ number: Int) throws -> ProductRegistration {
            let serial = try SerialNumber("AB\(100_000_000 + number)", policy: CPSPolicy.canonEurope)
            var product = ProductRegistration(
                id: ProductRegistration.ID("product-\(number)"), accountID: BusinessAccount.ID("account-\(number / 100)"), model: "EOS R5", modelKey: "EOSR5",
                serial: serial, purchaseDate: date, countryOfPurchase: "SE", dealer: "Foto Stockholm",
                registeredAt: registeredAt)
            product.completedAt = registeredAt
            product.allocatedPoints = 300
            return product
        }
        let store = InMemoryRecordStore()
        var payloadBytes = 0
        var before = 0
        var after = 0
        var number = 0
        before = try heapInUse()
        while number < count {
            var batch = WriteBatch()
            for _ in 0..<min(1_000, count - number) {
                let product = try registration(number)
                let envelope = try RecordCoder.envelope(product, version: 1)
                payloadBytes += envelope.payload.count
                batch.append(.put(envelope, expectedVersion: 0))
                number += 1
            }
            try store.commitNow(batch)
        }
        after = try heapInUse()
        guard store.count == count else { throw BenchFailure("stored \(store.count) of \(count) products") }
        let perProduct = Double(after - before) / Double(count)
        return Comparison(ours: perProduct, baseline: Double(payloadBytes) / Double(count), unit: .bytes,
                          notes: ["products": String(count), "heapGrowth": String(after - before)])
    }

    /// The resident set size in bytes, from `/proc/self/statm` (its second field, in pages). The
    /// Glibc module exports no `mallinfo2`; resident growth across a million inserts is the heap's.
    static func heapInUse() throws -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
            throw BenchFailure("cannot read /proc/self/statm")
        }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { throw BenchFailure("unexpected /proc/self/statm") }
        return pages * sysconf(Int32(_SC_PAGESIZE))
    }
}
