// The one libFuzzer entry of the fuzzing binary: every target lives in the same binary, compiled once
// with the sources of the library's targets (CPSRules … CPSCLI) by Scripts/fuzz.sh, and CPS_FUZZ_TARGET picks the target for a run.
import Foundation

/// The targets by name: each is a file Fuzz/NAME.swift defining the function.
let fuzzTargets: [String: @Sendable (UnsafePointer<UInt8>, Int) -> CInt] = [
    "VATNumberFuzz": vatNumberFuzz,
    "JournalDecodeFuzz": journalDecodeFuzz,
    "PolicyJSONFuzz": policyJSONFuzz,
    "LegacyDirectoryJSONFuzz": legacyDirectoryJSONFuzz,
    "CLIArgumentsFuzz": cliArgumentsFuzz,
    "EmailAddressFuzz": emailAddressFuzz,
    "SerialNumberFuzz": serialNumberFuzz,
    "PurchaseDateFuzz": purchaseDateFuzz,
    "PostalCodeFuzz": postalCodeFuzz,
    "MIMERenderFuzz": mimeRenderFuzz,
    "BinaryPayloadDecodeFuzz": binaryPayloadDecodeFuzz,
    "SnapshotReadFuzz": snapshotReadFuzz,
]

/// The target of this run, read once from the environment.
let selectedFuzzTarget: @Sendable (UnsafePointer<UInt8>, Int) -> CInt = {
    let name = ProcessInfo.processInfo.environment["CPS_FUZZ_TARGET"] ?? ""
    guard let target = fuzzTargets[name] else {
        FileHandle.standardError.write(Data("CPS_FUZZ_TARGET must be one of \(fuzzTargets.keys.sorted())\n".utf8))
        exit(64)
    }
    return target
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    selectedFuzzTarget(data, size)
}
