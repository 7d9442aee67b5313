extension TextTable {
    /// The billing e-mails (R-BIL-2…4): the invoice (card or bank transfer), the failed card charge,
    /// the payment reminder and the suspension notice. Part of the `email` keys, kept beside billing.
    static let billingEmail = TextTable(
        part: "email",
        english: [
            "email.invoiceIssuedCard.subject": "Your CPS invoice {invoiceNumber}",
            "email.invoiceIssuedCard.body": """
                Hello {name},

                Here is the invoice {invoiceNumber} from {seller} for the CPS membership of {company}: {amount}.

                You chose to pay by card. The amount is not charged now: your card will be charged on the due date, {dueDate}. You can use your CPS membership already.

                Canon Professional Services
                """,
            "email.invoiceIssuedBankTransfer.subject": "Your CPS invoice {invoiceNumber}: pay by {dueDate}",
            "email.invoiceIssuedBankTransfer.body": """
                Hello {name},

                Here is the invoice {invoiceNumber} from {seller} for the CPS membership of {company}: {amount}.

                You chose to pay by bank transfer. Pay {amount} by the due date, {dueDate}, and give the reference {reference} so that we can match your payment. {feeNotice}

                You can use your CPS membership already.

                Canon Professional Services
                """,
            "email.cardChargeFailed.subject": "We could not charge your card for invoice {invoiceNumber}",
            "email.cardChargeFailed.body": """
                Hello {name},

                We tried several times to charge your card {amountDue} for the invoice {invoiceNumber}, due on {dueDate}, but the payment was declined. The invoice is now overdue.

                Please pay {amountDue} by bank transfer with the reference {reference}, or contact us. If the invoice is still unpaid on {suspensionDate}, your CPS membership will be suspended until it is paid.

                Canon Professional Services
                """,
            "email.paymentReminder.subject": "Reminder: invoice {invoiceNumber} is overdue",
            "email.paymentReminder.body": """
                Hello {name},

                The invoice {invoiceNumber} was due on {dueDate} and {amountDue} is still unpaid ({daysOverdue} days overdue).

                Please pay {amountDue} by bank transfer with the reference {reference}. {feeNotice}

                Canon Professional Services
                """,
            "email.membershipSuspended.subject": "Your CPS membership is suspended",
            "email.membershipSuspended.body": """
                Hello {name},

                The invoice {invoiceNumber} ({amountDue} due since {dueDate}) is still unpaid, so the CPS membership {membershipNumber} of {company} is suspended.

                It becomes active again as soon as the invoice is paid: pay {amountDue} by bank transfer with the reference {reference}.

                Canon Professional Services
                """,
        ],
        swedish: [
            "email.invoiceIssuedCard.subject": "Din CPS-faktura {invoiceNumber}",
            "email.invoiceIssuedCard.body": """
                Hej {name},

                Här är fakturan {invoiceNumber} från {seller} för CPS-medlemskapet för {company}: {amount}.

                Du valde att betala med kort. Beloppet dras inte nu: ditt kort debiteras på förfallodagen, {dueDate}. Du kan redan börja använda ditt CPS-medlemskap.

                Canon Professional Services
                """,
            "email.invoiceIssuedBankTransfer.subject": "Din CPS-faktura {invoiceNumber}: betala senast {dueDate}",
            "email.invoiceIssuedBankTransfer.body": """
                Hej {name},

                Här är fakturan {invoiceNumber} från {seller} för CPS-medlemskapet för {company}: {amount}.

                Du valde att betala med banköverföring. Betala {amount} senast på förfallodagen, {dueDate}, och ange referensen {reference} så att vi kan koppla betalningen. {feeNotice}

                Du kan redan börja använda ditt CPS-medlemskap.

                Canon Professional Services
                """,
            "email.cardChargeFailed.subject": "Vi kunde inte debitera ditt kort för faktura {invoiceNumber}",
            "email.cardChargeFailed.body": """
                Hej {name},

                Vi har flera gånger försökt debitera ditt kort {amountDue} för fakturan {invoiceNumber}, som förföll {dueDate}, men betalningen nekades. Fakturan är nu förfallen.

                Betala {amountDue} med banköverföring med referensen {reference}, eller kontakta oss. Om fakturan fortfarande är obetald {suspensionDate} stängs ditt CPS-medlemskap av tills den är betald.

                Canon Professional Services
                """,
            "email.paymentReminder.subject": "Påminnelse: faktura {invoiceNumber} är förfallen",
            "email.paymentReminder.body": """
                Hej {name},

                Fakturan {invoiceNumber} förföll {dueDate} och {amountDue} är fortfarande obetalt ({daysOverdue} dagar efter förfallodagen).

                Betala {amountDue} med banköverföring med referensen {reference}. {feeNotice}

                Canon Professional Services
                """,
            "email.membershipSuspended.subject": "Ditt CPS-medlemskap är avstängt",
            "email.membershipSuspended.body": """
                Hej {name},

                Fakturan {invoiceNumber} ({amountDue}, förföll {dueDate}) är fortfarande obetald, så CPS-medlemskapet {membershipNumber} för {company} är avstängt.

                Det blir aktivt igen så snart fakturan är betald: betala {amountDue} med banköverföring med referensen {reference}.

                Canon Professional Services
                """,
        ])
}
