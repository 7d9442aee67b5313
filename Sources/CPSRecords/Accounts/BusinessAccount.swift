import Foundation

/// A Canon business account, created when its application is approved (R-VAL-3).
public struct BusinessAccount: StoredRecord, Equatable {
    /// The type of the record's ID (stored as the bare string).
    public typealias ID = Identifier<BusinessAccount>

    /// Whether the account can be used.
    public enum Status: String, Codable, Sendable, Hashable {
        /// Created; the superuser has not yet set a password (R-PWD-1).
        case awaitingPassword
        /// A password was set; its users can sign in (R-PWD-3).
        case active
    }

    public static let kind = "account"

    /// The account's ID.
    public let id: ID
    /// The application it was created from.
    public let applicationID: BusinessAccountApplication.ID
    /// The company's legal name.
    public var companyName: String
    /// The registered address.
    public var address: PostalAddress
    /// VAT registration.
    public var vatStatus: VATStatus
    /// The old CPS account's e-mail given in the application (R-ACC-2, R-MIG-1).
    public var oldCPSEmail: EmailAddress?
    /// The account's status.
    public var status: Status
    /// When it was created.
    public let createdAt: Date
    /// When the first password was set.
    public var activatedAt: Date?
    /// The VAT registry look-up made at application, kept with the account for invoicing (R-BIL-5).
    public var vatLookup: VATLookupRecord?
    /// The account's Peppol participant identifier for e-invoices (R-IDOC-2), set by its superuser;
    /// `nil`: derived from the VAT number where a scheme exists. Absent in records written before it existed.
    public var electronicAddress: ElectronicAddress?

    /// Creates an account.
    package init(id: ID, applicationID: BusinessAccountApplication.ID, companyName: String, address: PostalAddress, vatStatus: VATStatus,
                oldCPSEmail: EmailAddress?, createdAt: Date, vatLookup: VATLookupRecord? = nil) {
        self.id = id
        self.applicationID = applicationID
        self.companyName = companyName
        self.address = address
        self.vatStatus = vatStatus
        self.oldCPSEmail = oldCPSEmail
        self.status = .awaitingPassword
        self.createdAt = createdAt
        self.vatLookup = vatLookup
    }

    /// The account holds its VAT number against duplicates (R-ACC-4).
    public var uniqueKeys: [String] {
        vatStatus.number.map { [BusinessAccountApplication.vatKey($0)] } ?? []
    }
}

/// Named in the reader's language (R-MSG-1, R-PWD-3).
extension BusinessAccount.Status: LocalizedName {
    /// The catalog key of the name.
    public var nameKey: TextKey { TextKey("names.accountStatus.\(rawValue)") }
}
