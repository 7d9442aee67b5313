extension TextCatalog {
    /// Every part's table, in the order the catalog joins them. A new part adds one line here.
    static let parts: [TextTable] = [
        .common,
        .vat,
        .storage,
        .unitOfWork,
        .input,
        .fields,
        .policy,
        .authorization,
        .application,
        .evidence,
        .password,
        .account,
        .email,
        .walkthrough,
        .calendar,
        .billing,
        .product,
        .invitationEmail,
        .billingService,
        .billingEmail,
        .guidance,
        .names,
    ]
}
