import CPSKit

extension CommandSpec {
    /// `cps products register|complete|remove|list|show` (R-PRD-1…5) on "My products".
    static let products = CommandSpec(
        name: "products",
        summary: "register, complete, remove, list or show products (\"My products\")",
        help: """
        Usage: cps products register ACCOUNT MODEL --as USER-ID [--serial S] [--date D] [--country CC] [--dealer NAME]
               cps products complete ACCOUNT PRODUCT --as USER-ID [--serial S] [--date D] [--country CC] [--dealer NAME]
               cps products remove ACCOUNT PRODUCT --as USER-ID [--reason sold|lost|other]
               cps products list ACCOUNT --as USER-ID [--all]
               cps products show ACCOUNT PRODUCT --as USER-ID

        A registration needs a serial number, purchase date (YYYY, YYYY-MM or YYYY-MM-DD: as accurately
        as you can), country of purchase and dealer to be complete (green tick, points allocated,
        R-PRD-3); an incomplete one lists what is missing ("View product"). A serial registered by
        another account is refused (exit 65, R-PRD-4). Removing takes the points off (R-PRD-5).
        """,
        valuedOptions: ["--as", "--serial", "--date", "--country", "--dealer", "--reason"]
    ) { invocation in
        try invocation.arguments.expect(known: ["--json", "--as", "--serial", "--date", "--country", "--dealer", "--reason", "--all"],
                                        maxPositionals: 3)
        let action = try invocation.action(["register", "complete", "remove", "list", "show"])
        let accountID: BusinessAccount.ID = try invocation.arguments.positional(1, "ACCOUNT")
        let principal = try invocation.userPrincipal()
        let options = invocation.arguments
        return try await CLIContext.with(invocation) { cli in
            let service = cli.services.products
            let language = invocation.language
            switch action {
            case "register", "complete":
                let detail: ProductDetail
                if action == "register" {
                    let form = ProductForm(model: try options.positional(2, "MODEL"), serialNumber: options.option("--serial"),
                                           purchaseDate: options.option("--date"), countryOfPurchase: options.option("--country"),
                                           dealer: options.option("--dealer"))
                    detail = try await service.register(form, on: accountID, as: principal)
                } else {
                    let update = ProductUpdate(serialNumber: options.option("--serial"), purchaseDate: options.option("--date"),
                                               countryOfPurchase: options.option("--country"), dealer: options.option("--dealer"))
                    detail = try await service.complete(try options.positional(2, "PRODUCT") as ProductRegistration.ID, on: accountID, with: update, as: principal)
                }
                try invocation.emit(ProductReport(detail, language: language)) {
                    ["\(detail.registration.id) \(detail.isComplete ? "complete" : "incomplete") \(detail.points)"]
                        + detail.explanation(in: language)
                }
            case "remove":
                let reasonText = options.option("--reason") ?? "other"
                guard let reason = ProductRemovalReason(rawValue: reasonText) else { throw CommandError.invalidChoice("--reason", ["sold", "lost", "other"]) }
                let detail = try await service.remove(try options.positional(2, "PRODUCT") as ProductRegistration.ID, from: accountID, reason: reason, as: principal)
                try invocation.emit(ProductReport(detail, language: language)) { detail.explanation(in: language) }
            case "show":
                let detail = try await service.product(try options.positional(2, "PRODUCT") as ProductRegistration.ID, of: accountID, as: principal)
                try invocation.emit(ProductReport(detail, language: language)) { detail.explanation(in: language) }
            default:
                let products = try await service.list(of: accountID, includingRemoved: options.flag("--all"), as: principal)
                try invocation.emit(products) {
                    products.map { product in
                        "\(product.id) \(product.model) \(product.serial?.value ?? "-") "
                            + (product.status == .removed ? "removed" : product.isComplete ? "complete \(product.allocatedPoints ?? 0)"
                               : "missing " + product.missingFields.map(\.rawValue).joined(separator: ","))
                    }
                }
            }
            return .success
        }
    }
}

/// `--json` of one product (R-PRD-3): the registration, the green tick, points, what is missing and why.
struct ProductReport: Encodable {
    let registration: ProductRegistration
    let complete: Bool
    let points: Int
    let missingFields: [String]
    let explanation: [String]
    init(_ detail: ProductDetail, language: Language) {
        registration = detail.registration
        complete = detail.isComplete
        points = detail.points
        missingFields = detail.missingFields.map(\.rawValue)
        explanation = detail.explanation(in: language)
    }
}
