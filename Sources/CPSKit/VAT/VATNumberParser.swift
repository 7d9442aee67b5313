/// Parsing and validation of VAT numbers (R-VAT-1).
///
/// PLACEHOLDER until the VAT issue lands: checks the shape only (a known prefix and 2–13 letters or
/// digits), no national check digits.
enum VATNumberParser {
    static func compact(_ input: String) throws(VATNumberError) -> String {
        var text = input.uppercased().filter { !" .-/\t".contains($0) }
        guard !text.isEmpty else { throw VATNumberError(.empty, input: input) }
        guard text.count >= 4, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw VATNumberError(.badPattern, input: input)
        }
        if text.hasPrefix("CHE") { return text }
        let prefixes: Set<String> = ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "GR", "ES", "FI", "FR",
                                     "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE",
                                     "SI", "SK", "XI", "GB", "NO"]
        guard prefixes.contains(String(text.prefix(2))) else { throw VATNumberError(.unknownCountry, input: input) }
        if text.hasPrefix("NO"), !text.hasSuffix("MVA") { text += "MVA" }
        return text
    }
}
