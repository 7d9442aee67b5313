import CPSKit

extension TokenKeys {
    /// Token keys for tests and the walkthrough (R-ID-3): one key `test-1` of 32 bytes drawn from a
    /// ``SeededRandomNumberGenerator`` with `seed`, so the same seed gives the same key (and the same
    /// tokens) on every run. Never for production: a host loads its keys with
    /// ``TokenKeys/load(fromFile:dataDirectory:)``.
    public static func generated(seed: UInt64 = 16, keyID: String = "test-1") -> TokenKeys {
        do {
            return try TokenKeys.generate(keyID: keyID, random: RandomSource(SeededRandomNumberGenerator(seed: seed)))
        } catch {
            fatalError("TokenKeys.generated: \(error)") // unreachable: a valid ID and 32 bytes
        }
    }
}
