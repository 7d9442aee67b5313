extension TextTable {
    /// Texts of the billing services (R-BIL-1…4): how to pay an invoice, and gateway failures.
    static let billingService = TextTable(
        part: "billingService",
        english: [
            "billingService.howToPay.card": "Your card will be charged {amount} on the due date, {dueDate}. You do not need to do anything.",
            "billingService.howToPay.bankTransfer": "Pay {amount} by bank transfer by {dueDate} at the latest, with the reference {reference}. {feeNotice}",
            "billingService.error.gateway.timeout": "The payment service did not answer in time; the charge will be repeated safely.",
            "billingService.error.gateway.unavailable": "The payment service could not be reached; the charge will be repeated safely.",
        ],
        swedish: [
            "billingService.howToPay.card": "Ditt kort debiteras {amount} på förfallodagen, {dueDate}. Du behöver inte göra något.",
            "billingService.howToPay.bankTransfer": "Betala {amount} med banköverföring senast {dueDate}, med referensen {reference}. {feeNotice}",
            "billingService.error.gateway.timeout": "Betaltjänsten svarade inte i tid; debiteringen görs om på ett säkert sätt.",
            "billingService.error.gateway.unavailable": "Betaltjänsten gick inte att nå; debiteringen görs om på ett säkert sätt.",
        ])
}
