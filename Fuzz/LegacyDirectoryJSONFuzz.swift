// libFuzzer target: the old CPS directory file `legacy-cps.json` the `cps` tool reads (R-MIG-1).
// Decoding never crashes: it returns the accounts or throws; bytes that are not UTF-8 are refused;
// what decodes encodes and decodes again to the same accounts, and the directory answers look-ups.
import Foundation

func legacyDirectoryJSONFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(fuzzBytes(data, size))
    guard let accounts = try? CLIContext.decodeLegacyAccounts(bytes) else { return 0 }
    fuzzCheck(String(validating: bytes, as: UTF8.self) != nil, "legacy accounts decoded from bytes that are not UTF-8")
    guard let encoded = try? JSONEncoder().encode(accounts) else { return 0 }
    guard let again = try? CLIContext.decodeLegacyAccounts(encoded) else {
        fuzzCheck(false, "encoded legacy accounts do not decode again")
        return 0
    }
    fuzzCheck(again == accounts, "legacy accounts changed in an encode/decode round trip")
    _ = InMemoryLegacyCPSDirectory(accounts)
    return 0
}
