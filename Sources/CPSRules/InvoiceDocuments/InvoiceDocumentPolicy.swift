/// What an invoice document prints about the seller beyond ``BillingPolicy/seller`` (R-IDOC-1,
/// R-IDOC-2): its address, its company registration (KvK), its Peppol electronic address and the bank
/// account a bank transfer goes to. Each default is marked in ``provenance``.
///
/// Not yet a section of ``CPSPolicy``: a host passes it (default ``canonEurope``).
public struct InvoiceDocumentPolicy: Hashable, Codable, Sendable {
    /// The seller's postal address (Article 226(5)).
    public var sellerAddress: PostalAddress
    /// The seller's registration in the Dutch trade register (KvK, scheme 0106; Peppol NL-R-003).
    public var sellerRegistration: CompanyRegistration
    /// The seller's Peppol participant identifier (the UBL seller EndpointID).
    public var sellerElectronicAddress: ElectronicAddress
    /// The account bank transfers go to.
    public var bankAccount: BankAccount
    /// The currencies paid by SEPA credit transfer (UBL payment means code 58 rather than 30).
    public var sepaCurrencies: [Currency]
    /// Whether each field's default is sourced or a placeholder, by field name (SPEC §1).
    public var provenance: [String: PolicyProvenance]

    /// Creates the section; every field is stated.
    public init(sellerAddress: PostalAddress, sellerRegistration: CompanyRegistration,
                sellerElectronicAddress: ElectronicAddress, bankAccount: BankAccount, sepaCurrencies: [Currency],
                provenance: [String: PolicyProvenance]) {
        self.sellerAddress = sellerAddress
        self.sellerRegistration = sellerRegistration
        self.sellerElectronicAddress = sellerElectronicAddress
        self.bankAccount = bankAccount
        self.sepaCurrencies = sepaCurrencies
        self.provenance = provenance
    }

    /// The default: Canon Europa N.V.'s address; the KvK number, the Peppol identifier and the bank
    /// account are **placeholders** that a host replaces with Canon's real figures.
    public static let canonEurope = InvoiceDocumentPolicy(
        sellerAddress: PostalAddress(unchecked: "Bovenkerkerweg 59", postalCode: "1185 XB", city: "Amstelveen",
                                     country: "NL"),
        sellerRegistration: CompanyRegistration(scheme: "0106", registerName: "KvK", identifier: "00000000"),
        sellerElectronicAddress: ElectronicAddress(unchecked: "9944", identifier: "NL005916343B01"),
        bankAccount: BankAccount(iban: "NL91ABNA0417164300", bic: "ABNANL2A", holder: "Canon Europa N.V."),
        sepaCurrencies: [.eur],
        provenance: [
            "sellerAddress": .placeholder,           // Canon Europa N.V.'s published head office; not checked here
            "sellerRegistration": .placeholder,      // Canon's KvK number is not in the sources
            "sellerElectronicAddress": .placeholder, // Canon's Peppol registration is not in the sources
            "bankAccount": .placeholder,             // the ISO 13616 example IBAN
            "sepaCurrencies": .sourced,              // SEPA credit transfers are in euro
        ])
}
