import CPSKit
import Testing

@Suite("Every enum a person sees has a name in the reader's language (R-MSG-1)")
struct LocalizedNameTests {
    /// Every value of every type a person sees by name, with the Swift case it comes from.
    static let values: [(value: any LocalizedName, identifier: String)] =
        VisibleField.allCases.map { ($0, $0.rawValue) }
        + [EvidenceKind.vatRegistrationCertificate, .companyInvoice, .businessLicence, .articlesOfAssociation,
           .taxResidenceCertificate, .soleTraderRegistration].map { ($0, $0.rawValue) }
        + ProductMissingField.allCases.map { ($0, $0.rawValue) }
        + ProductRemovalReason.allCases.map { ($0, $0.rawValue) }
        + ProductCategory.allCases.map { ($0, $0.rawValue) }
        + [CPSLevel.silver, .gold, .platinum, .businessA, .businessB, .businessC].map { ($0, $0.rawValue) }
        + CPSLevelView.allCases.map { ($0, $0.rawValue) }
        + PaymentMethod.allCases.map { ($0, $0.rawValue) }
        + InvoiceStatus.allCases.map { ($0, $0.rawValue) }
        + ApplicationStatus.allCases.map { ($0, $0.rawValue) }
        + MembershipStatus.allCases.map { ($0, $0.rawValue) }
        + AccountUser.Role.allCases.map { ($0, $0.rawValue) }
        + [AccountUser.Status.invited, .active, .removed].map { ($0, $0.rawValue) }
        + [BusinessAccount.Status.awaitingPassword, .active].map { ($0, $0.rawValue) }
        + LedgerEntry.Kind.allCases.map { ($0, $0.rawValue) }
        + [ProductSource.registered, .migrated].map { ($0, $0.rawValue) }
        + MigrationItem.Outcome.allCases.map { ($0, $0.rawValue) }
        + VATTreatment.allCases.map { ($0, $0.rawValue) }

    @Test("R-MSG-1: each name is in the Swedish and the English table, and is not the Swift case name", arguments: [Language.swedish, .english])
    func named(_ language: Language) {
        let catalog = TextCatalog.standard
        for (value, identifier) in Self.values {
            #expect(catalog.keys(of: language).contains(value.nameKey.rawValue), "no \(language) name for \(value.nameKey)")
            let name = value.name(in: language)
            #expect(!name.isEmpty && name != value.nameKey.rawValue)
            // A multi-word case (camelCase) never shows as written; one-word cases may read the same ("ink").
            if identifier.contains(where: \.isUppercase), !identifier.hasPrefix("business") {
                #expect(name != identifier, "\(identifier) shown as its case name")
            }
        }
    }

    @Test("R-MSG-1: the names read as the seed's words")
    func examples() {
        #expect(EvidenceKind.companyInvoice.name(in: .swedish) == "företagsfaktura")
        #expect(VisibleField.vatNumber.name(in: .english) == "VAT registration number")
        #expect(CPSLevel.gold.name(in: .swedish) == "Gold")
        #expect(PaymentMethod.bankTransfer.name(in: .english) != "bankTransfer")
        #expect(MembershipStatus.suspended.name(in: .swedish) == "spärrat")
        #expect(AccountUser.Role.superuser.name(in: .swedish) == "superanvändare")
    }

    @Test("R-MSG-1: a host's added language is used through the catalog it passes, other languages read English")
    func hostLanguage() {
        let german = Language("de")
        let catalog = TextCatalog.standard.adding(german, texts: ["names.membershipStatus.active": "aktiv"])
        #expect(MembershipStatus.active.name(in: german, catalog: catalog) == "aktiv")
        #expect(MembershipStatus.ended.name(in: Language("fi")) == "ended")
    }
}
