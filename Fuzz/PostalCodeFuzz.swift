// libFuzzer target: postal codes and the other address fields (R-ACC-1). Never a crash; an accepted
// postal code has only letters, digits, spaces and dashes, is trimmed and within the field limit.
import Foundation

func postalCodeFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let limits = FieldLimits()
    let fields = fuzzFields(fuzzBytes(data, size), limit: 3)
    let texts = fields.map { fuzzTexts($0)[0] }
    let postalCode = texts[0]
    let street = texts.count > 1 ? texts[1] : "Storgatan 12"
    let city = texts.count > 2 ? texts[2] : "Stockholm"
    for (code, place) in [(postalCode, city), (postalCode, "Stockholm")] {
        guard let address = try? PostalAddress(street: street, postalCode: code, city: place, country: "SE", limits: limits) else {
            continue
        }
        let accepted = address.postalCode
        fuzzCheck(accepted.count <= limits.postalCode, "a postal code of \(accepted.count) characters")
        fuzzCheck(accepted == accepted.trimmingCharacters(in: .whitespacesAndNewlines), "an untrimmed postal code")
        fuzzCheck(accepted.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " " || $0 == "-" },
                  "the postal code \(accepted) has other characters")
        fuzzCheck((try? PostalAddress(street: address.street, postalCode: accepted, city: address.city, country: "SE",
                                      limits: limits)) == address, "the address does not check again to itself")
    }
    return 0
}
