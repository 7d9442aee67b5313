import CPSKit
import CPSKitTesting

/// The whole seed journey (apply → validate → password → products → migration → purchase →
/// invoice → card charge and bank payment), in memory, for many accounts in one store: growth from
/// 10,000 to 100,000 accounts (`--journey-full`; by default 1,000 to 10,000). `SampleJourney.run`
/// creates two accounts, so 100,000 accounts are 50,000 runs. Linear work gives a ratio of 10.
enum JourneyBench {
    static let workload = Workload(name: "journey-growth", targetRatio: 11) { context in
        // The sizes (10,000 and 100,000 accounts) take over ten minutes here (about 10 ms of
        // JSON coding per journey run), so a full run measures the same tenfold growth one size down
        // unless `--journey-full` asks for them.
        let factor = context.journeyFull ? 10 : 1
        let small = context.size(1_000 * factor, smoke: 20)
        let large = context.size(10_000 * factor, smoke: 200)
        var largeTimes: [Double] = []
        var smallTimes: [Double] = []
        if let side = context.growthSide {
            // One side once, for an instruction count (issue 17 item 6).
            let accounts = side == .small ? small : large
            let time = try await run(accounts: accounts)
            return Comparison(ours: time, baseline: time, notes: ["accounts": String(accounts), "side": side.rawValue])
        }
        // The large side runs once (a minute or more, so it averages itself); the small side up to 3 times.
        for repetition in 0..<(context.smoke ? 1 : min(context.repetitions, 3)) {
            smallTimes.append(try await run(accounts: small))
            if repetition == 0 { largeTimes.append(try await run(accounts: large)) }
        }
        return Comparison(ours: Clock.median(largeTimes), baseline: Clock.median(smallTimes),
                          notes: ["accounts": "\(large)/\(small)", "runs": "\(large / 2)/\(small / 2)"])
    }

    static func run(accounts: Int) async throws -> Double {
        let environment = TestEnvironment()
        return try await Clock.time {
            for number in 1...max(1, accounts / 2) { try await SampleJourney.run(in: environment, number: number) }
        }
    }
}
