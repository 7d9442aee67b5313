// libFuzzer target: a host's policy JSON (SPEC §1, CPSPolicy.load(json:)). Loading never crashes on
// any bytes: it returns a validated policy or throws PolicyError naming the field. A policy that
// loads and encodes must load again to the same policy.
import Foundation

func policyJSONFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(fuzzBytes(data, size))
    let policy: CPSPolicy
    do { policy = try CPSPolicy.load(json: bytes) } catch {
        _ = error.message(in: .english)
        _ = error.message(in: .swedish)
        return 0
    }
    fuzzCheck(String(validating: bytes, as: UTF8.self) != nil, "a policy loaded from bytes that are not UTF-8")
    guard let encoded = try? JSONEncoder().encode(policy) else { return 0 }
    do {
        let again = try CPSPolicy.load(json: encoded)
        fuzzCheck(again == policy, "the policy changed in an encode/load round trip")
    } catch {
        fuzzCheck(false, "an encoded policy does not load again: \(error)")
    }
    return 0
}
