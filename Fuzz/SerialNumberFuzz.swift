// libFuzzer target: serial numbers (R-PRD-2). Never a crash; an accepted serial is A–Z and 0–9
// only, within the policy's length, and normalising or parsing it again gives itself.
import Foundation

func serialNumberFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let policy = ProductPolicy.sample
    for text in fuzzTexts(fuzzBytes(data, size)) {
        _ = SerialNumber.normalise(text)
        guard let serial = try? SerialNumber(text, policy: policy) else { continue }
        fuzzCheck(serial.value.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) },
                  "the serial \(serial.value) has other characters")
        fuzzCheck((policy.serialMinimumLength...policy.serialMaximumLength).contains(serial.value.count),
                  "the serial \(serial.value) has a length outside the policy")
        fuzzCheck(SerialNumber.normalise(serial.value) == serial.value, "normalising \(serial.value) changed it")
        fuzzCheck((try? SerialNumber(serial.value, policy: policy)) == serial, "\(serial.value) does not parse to itself")
    }
    return 0
}
