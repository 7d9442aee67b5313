import CPSKit
import CPSKitTesting

/// The journey per account with binary payloads against the same with JSON payloads (issue 17 item
/// 2: "the journey per account before/after, target ≥ 3 × faster"): `SampleJourney.run` for 1,000
/// accounts in an `InMemoryRecordStore(payloadCodec: .binary)` (today's default) against one with
/// `.json` (the payloads before the binary format). The target ≥ 3 × faster is a ratio ≤ 0.333.
enum JourneyCodecBench {
    static let workload = Workload(name: "journey-binary-vs-json", targetRatio: 1.0 / 3.0) { context in
        let accounts = context.size(1_000, smoke: 20)
        var binary: [Double] = []
        var json: [Double] = []
        for _ in 0..<(context.smoke ? 1 : min(context.repetitions, 3)) {
            json.append(try await run(accounts: accounts, codec: .json))
            binary.append(try await run(accounts: accounts, codec: .binary))
        }
        let perAccount = { (seconds: Double) in String(format: "%.3f", seconds / Double(accounts) * 1_000) }
        return Comparison(ours: Clock.median(binary), baseline: Clock.median(json),
                          notes: ["accounts": String(accounts), "msPerAccount": "\(perAccount(Clock.median(binary)))/\(perAccount(Clock.median(json)))"])
    }

    static func run(accounts: Int, codec: PayloadCodec) async throws -> Double {
        let environment = TestEnvironment(store: InMemoryRecordStore(payloadCodec: codec))
        return try await Clock.time {
            for number in 1...max(1, accounts / 2) { try await SampleJourney.run(in: environment, number: number) }
        }
    }
}
