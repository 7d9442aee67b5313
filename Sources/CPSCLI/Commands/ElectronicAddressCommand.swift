import CPSKit

extension CommandSpec {
    /// `cps e-invoice-address show|set|clear ACCOUNT [SCHEME:ID] --as USER-ID` (R-IDOC-2): the account's
    /// Peppol electronic address, the buyer's EndpointID of its UBL invoices and credit notes.
    static let electronicAddress = CommandSpec(
        name: "e-invoice-address",
        summary: "show, set or clear the account's Peppol electronic address for e-invoices (superuser)",
        help: """
        Usage: cps e-invoice-address show ACCOUNT --as USER-ID
               cps e-invoice-address set ACCOUNT SCHEME:ID --as USER-ID
               cps e-invoice-address clear ACCOUNT --as USER-ID

        The Peppol participant identifier the account receives e-invoices at (R-IDOC-2): a four-digit
        EAS scheme, a colon and the identifier, e.g. 0007:5560360793 (a Swedish organisation number)
        or 0208:0123456789 (a Belgian enterprise number). Without one, `cps invoice ubl` derives it
        from the VAT number where a scheme exists (SE 0007, NO 0192, NL 9944, DE 9930) and otherwise
        refuses (exit 65). show prints the address and where it comes from; set and clear need the
        account's superuser, and an address that is not SCHEME:ID is refused (exit 65).
        """,
        valuedOptions: ["--as"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as"], maxPositionals: 3)
        let action = try invocation.action(["show", "set", "clear"])
        let accountID: BusinessAccount.ID = try invocation.arguments.positional(1, "ACCOUNT")
        let principal = try invocation.userPrincipal()
        let given = action == "set" ? try ElectronicAddress(parsing: try invocation.arguments.positional(2, "SCHEME:ID")) : nil
        return try await CLIContext.with(invocation) { cli in
            let service = cli.services.accounts
            let account = action == "show"
                ? try await service.account(accountID, as: principal)
                : try await service.setElectronicAddress(given, of: accountID, as: principal)
            let derived = account.vatStatus.number.flatMap(ElectronicAddress.derived(from:))
            let row = ElectronicAddressRow(account: account.id.rawValue, electronicAddress: account.electronicAddress?.description,
                                           derived: derived?.description)
            try invocation.emit(row) {
                if let address = row.electronicAddress { return ["\(row.account) \(address) (set for the account)"] }
                if let derived = row.derived { return ["\(row.account) \(derived) (derived from the VAT number)"] }
                return ["\(row.account) none: UBL documents are refused until one is set"]
            }
            return .success
        }
    }
}

/// `cps e-invoice-address --json`.
struct ElectronicAddressRow: Encodable {
    let account: String
    let electronicAddress: String?
    let derived: String?
}
