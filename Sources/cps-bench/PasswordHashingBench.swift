import CPSKit
import CPSKitTesting
import Foundation

/// R-ID-1 and R-ID-2 in a release build: one PBKDF2-HMAC-SHA256 derivation at the policy's default
/// 600,000 iterations against Python's `hashlib.pbkdf2_hmac` (OpenSSL, `Scripts/bench_pbkdf2.py`),
/// and a sign-in for an unknown address against one with a wrong password for a known address
/// (target: the ratio within 0.95 … 1.05). A smoke run uses the low-cost 1,000 iterations, so no
/// debug CI path runs 600,000.
enum PasswordHashingBench {
    static func iterations(_ context: BenchContext) -> Int {
        context.smoke ? PasswordPolicy.lowCostIterations : PasswordPolicy.defaultHashIterations
    }

    static let pbkdf2 = Workload(name: "pbkdf2-default", targetRatio: 3) { context in
        let iterations = iterations(context)
        let password = Array("Ljus-och-bild-2026".utf8), salt = Array("0123456789abcdef".utf8)
        var ours: [Double] = []
        for _ in 0..<context.repetitions {
            ours.append(Clock.time { _ = PBKDF2SHA256.derive(password: password, salt: salt, iterations: iterations) })
        }
        let baseline = try Python.medianSeconds(try Python.run("bench_pbkdf2.py", [String(iterations), String(context.repetitions)],
                                                               in: context))
        return Comparison(ours: Clock.median(ours), baseline: baseline, notes: ["iterations": String(iterations)])
    }

    /// The ratio is unknown ÷ known; the row's target is ≤ 1.05, and the note says whether it is also ≥ 0.95.
    static let signIn = Workload(name: "signin-unknown-vs-known", targetRatio: 1.05) { context in
        var policy = CPSPolicy.canonEurope
        policy.passwords.throttle.attempts = 1_000_000
        let env = TestEnvironment(policy: policy, hashIterations: iterations(context))
        let active = try await env.activeAccount()
        let email = active.superuser.email.address
        let rounds = context.smoke ? 2 : max(5, context.repetitions * 2)
        var known: [Double] = [], unknown: [Double] = []
        for round in 0..<rounds {
            known.append(await Clock.time { _ = try? await env.passwords.signIn(email: email, password: "Wrong-password-1") })
            unknown.append(await Clock.time {
                _ = try? await env.passwords.signIn(email: "nobody-\(round)@example.com", password: "Wrong-password-1")
            })
        }
        let ratio = Clock.median(unknown) / Clock.median(known)
        return Comparison(ours: Clock.median(unknown), baseline: Clock.median(known),
                          notes: ["iterations": String(iterations(context)), "rounds": String(rounds),
                                  "within0.95to1.05": String((0.95...1.05).contains(ratio))])
    }
}
