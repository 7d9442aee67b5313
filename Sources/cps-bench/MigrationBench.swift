import CPSKit
import CPSKitTesting

/// Migrating one legacy account into one business account (R-MIG-2): growth from 10,000 to 100,000
/// legacy products (linear work gives a ratio of 10), and the points read afterwards (R-PTS-1: one
/// look-up, so its time must not grow with the number of products).
enum MigrationSession {
    struct Result: Sendable {
        let small: Double
        let large: Double
        let smallRead: Double
        let largeRead: Double
        let smallCount: Int
        let largeCount: Int
    }

    static let shared = MeasuredOnce<Result>(measure)

    static let models = ["EOS R5", "EOS R3", "EOS R1", "EOS R6 Mark II", "EOS R5 Mark II"]

    static func measure(_ context: BenchContext) async throws -> Result {
        let small = context.size(10_000, smoke: 100)
        let large = context.size(100_000, smoke: 1_000)
        let reads = context.size(100_000, smoke: 1_000)
        var smallTimes: [Double] = [], largeTimes: [Double] = [], smallReads: [Double] = [], largeReads: [Double] = []
        if let side = context.growthSide {
            // One side once, for an instruction count (issue 17 item 6); both figures are that side's.
            let count = side == .small ? small : large
            let (time, read) = try await migrate(products: count, reads: reads)
            return Result(small: time, large: time, smallRead: read, largeRead: read, smallCount: count, largeCount: count)
        }
        // One untimed large migration first, so that both sizes run on a heap that has already grown:
        // otherwise the first runs pay this virtual machine's costly page faults and the later ones
        // do not, which moves the ratio between 6 and 15 from run to run.
        if !context.smoke { _ = try await migrate(products: large, reads: 1) }
        for repetition in 0..<max(1, context.repetitions) {
            let (time, read) = try await migrate(products: small, reads: reads)
            smallTimes.append(time)
            smallReads.append(read)
            if repetition < (context.smoke ? 1 : 3) {
                let (time, read) = try await migrate(products: large, reads: reads)
                largeTimes.append(time)
                largeReads.append(read)
            }
        }
        return Result(small: Clock.median(smallTimes), large: Clock.median(largeTimes), smallRead: Clock.median(smallReads),
                      largeRead: Clock.median(largeReads), smallCount: small, largeCount: large)
    }

    /// The seconds one migration of `products` legacy products takes, and `reads` points reads after it.
    static func migrate(products count: Int, reads: Int) async throws -> (Double, Double) {
        let environment = TestEnvironment()
        let active = try await environment.activeAccount()
        let products = (0..<count).map { number in
            LegacyProduct(model: models[number % models.count], serialNumber: "LG\(1_000_000 + number)",
                          purchaseDate: "2022-03-01", countryOfPurchase: "SE", dealer: "Foto Stockholm")
        }
        environment.legacyDirectory.add(LegacyCPSAccount(
            membershipNumber: "OLD77", email: try EmailAddress("anna.lind@old-cps.example"), products: products))
        var report: MigrationReport?
        let seconds = try await Clock.time {
            report = try await environment.migration.migrate(active.account.id, as: active.principal)
        }
        guard report?.migratedCount == count else {
            throw BenchFailure("migrated \(report?.migratedCount ?? 0) of \(count) products")
        }
        let service = environment.products
        var points = 0
        let readSeconds = try await Clock.time {
            for _ in 0..<reads { points &+= try await service.points(of: active.account.id, as: active.principal).points }
        }
        blackHole(points)
        return (seconds, readSeconds)
    }

    static let migration = Workload(name: "migration-growth", targetRatio: 11) { context in
        let result = try await shared.result(context).get()
        return Comparison(ours: result.large, baseline: result.small,
                          notes: ["products": "\(result.largeCount)/\(result.smallCount)"])
    }

    static let pointsRead = Workload(name: "migration-points-read", targetRatio: 2) { context in
        let result = try await shared.result(context).get()
        return Comparison(ours: result.largeRead, baseline: result.smallRead,
                          notes: ["products": "\(result.largeCount)/\(result.smallCount)", "reads": String(context.size(100_000, smoke: 1_000))])
    }
}
