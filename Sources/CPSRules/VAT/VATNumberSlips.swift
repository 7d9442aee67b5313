/// The common slips in a refused VAT number, told apart so the message says what to add (R-VAT-1,
/// issue 15): the country prefix left out, a Swedish organisation number without `01`, a Norwegian
/// number without `MVA`, a Swiss one without `MWST`/`TVA`/`IVA`, a Dutch one without `B01`, an
/// Austrian one without `U`, a Belgian one with 9 digits.
///
/// Only consulted for an input the parser already refused, so the verdict — valid or not — is the
/// parser's alone (the differential check against python-stdnum compares verdicts); only the reason
/// becomes more precise.
enum VATNumberSlips {
    /// The slip `input` shows, if it is one of the common ones.
    static func diagnose(_ input: String) -> VATNumberError.Reason? {
        let separators: Set<Character> = [" ", ".", "-", "/", "\t", "\u{00A0}"]
        let text = String(input.uppercased().filter { !separators.contains($0) })
        func digits(_ part: Substring) -> Bool { !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
        if text.count >= 8, digits(text[...]) { return .missingCountryPrefix }
        guard text.count >= 2 else { return nil }
        let prefix = text.prefix(2), rest = text.dropFirst(2)
        switch prefix {
        case "SE" where rest.count == 10 && digits(rest): return .swedishWithout01
        case "NO" where rest.count == 9 && digits(rest): return .norwegianWithoutMVA
        case "CH" where rest.hasPrefix("E") && rest.count == 10 && digits(rest.dropFirst()): return .swissWithoutSuffix
        case "NL" where rest.count == 9 && digits(rest): return .dutchWithoutB01
        case "AT" where rest.count == 8 && digits(rest): return .austrianWithoutU
        case "BE" where rest.count == 9 && digits(rest): return .belgianNineDigits
        default: return nil
        }
    }
}
