/// An estimate of the extra fee a bank in `country` may charge for a transfer to the seller, shown
/// with the bank-transfer notice (R-BIL-1). All shipped estimates are placeholders (there are none by default).
public struct BankTransferFeeEstimate: Hashable, Codable, Sendable {
    /// The payer's country.
    public let country: CountryCode
    /// The estimated fee.
    public let fee: Money

    /// Creates an estimate.
    public init(country: CountryCode, fee: Money) {
        self.country = country
        self.fee = fee
    }
}
