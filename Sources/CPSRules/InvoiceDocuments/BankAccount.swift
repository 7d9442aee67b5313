/// The seller's bank account printed for a bank transfer (R-IDOC-1, R-BIL-4): IBAN and BIC.
public struct BankAccount: Hashable, Codable, Sendable {
    /// The IBAN in electronic form (no spaces), e.g. `NL91ABNA0417164300`.
    public let iban: String
    /// The bank's BIC, e.g. `ABNANL2A`.
    public let bic: String
    /// The account holder's name.
    public let holder: String

    /// Creates an account.
    public init(iban: String, bic: String, holder: String) {
        self.iban = iban
        self.bic = bic
        self.holder = holder
    }

    /// The IBAN in groups of four for print, e.g. `NL91 ABNA 0417 1643 00`.
    public var printedIBAN: String {
        var result = ""
        for (index, character) in iban.enumerated() {
            if index > 0, index % 4 == 0 { result += " " }
            result.append(character)
        }
        return result
    }
}
