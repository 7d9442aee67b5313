@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Password hashing runs on dedicated threads with bounded concurrency (R-ID-1).
@Suite("HashWorkers: dedicated threads, at most `width` at once (R-ID-1)")
struct HashWorkersTests {
    @Test("R-ID-1: 12 jobs on 2 workers all finish, never more than 2 at once, none on the calling thread")
    func bounded() async {
        let workers = HashWorkers(width: 2)
        let state = Locked((running: 0, most: 0, names: Set<String>()))
        let results = await withTaskGroup(of: Int.self) { group in
            for n in 0..<12 {
                group.addTask {
                    await workers.run {
                        state.withLock {
                            $0.running += 1
                            $0.most = max($0.most, $0.running)
                            $0.names.insert(HashWorkers.onWorkerThread ? "worker" : "elsewhere")
                        }
                        _ = PBKDF2SHA256.derive(password: Array("p".utf8), salt: Array("salt".utf8), iterations: 200)
                        state.withLock { $0.running -= 1 }
                        return n
                    }
                }
            }
            return await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(results.sorted() == Array(0..<12))
        let final = state.withLock { $0 }
        #expect(final.most >= 1 && final.most <= 2)
        #expect(final.names == ["worker"], "every job ran on a hashing thread, not on the concurrency pool")
        #expect(!HashWorkers.onWorkerThread)
    }

    @Test("R-ID-1: a width below 1 counts as 1")
    func widthFloor() async {
        let workers = HashWorkers(width: 0)
        #expect(workers.width == 1)
        #expect(await workers.run { 41 + 1 } == 42)
    }
}
