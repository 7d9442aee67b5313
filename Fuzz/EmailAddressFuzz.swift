// libFuzzer target: e-mail addresses (R-ACC-1, R-ACC-4). Never a crash; an accepted address has no
// space or control character, is at most 254 characters, parses again to itself, and its key is
// its lower-cased form.
import Foundation

func emailAddressFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    for text in fuzzTexts(fuzzBytes(data, size)) {
        guard let address = try? EmailAddress(text) else { continue }
        fuzzCheck(address.address.count <= 254, "an address of \(address.address.count) characters")
        fuzzCheck(!address.address.unicodeScalars.contains { $0.properties.generalCategory == .control || $0 == " " },
                  "an address with a space or control character")
        fuzzCheck(address.address.filter { $0 == "@" }.count == 1, "an address without exactly one @")
        guard let again = try? EmailAddress(address.address) else {
            fuzzCheck(false, "the address \(address.address) does not parse again")
            continue
        }
        fuzzCheck(again.key == address.key && address.key == address.address.lowercased(), "the key changed")
        _ = MailAddress(address, name: text)
    }
    return 0
}
