extension TextTable {
    /// The membership after the first purchase (R-LIFE-1…6): the renewal notice's paragraphs by outcome
    /// and the refusals of cancelling, undoing and buying with old terms.
    static let lifecycle = TextTable(
        part: "lifecycle",
        english: [
            "lifecycle.renewal.renewing.card": "It renews automatically for another term from {expiryDate}: the renewal invoice {invoiceNumber} of {amount} is on its way, and your card will be charged on {expiryDate}. To stop the renewal, cancel the membership before then.",
            "lifecycle.renewal.renewing.bankTransfer": "To renew it for another term from {expiryDate}, pay the renewal invoice {invoiceNumber} of {amount} by {expiryDate} with the reference {reference}. If it is still unpaid then, the membership expires.",
            "lifecycle.renewal.cancelled": "You cancelled it, so it ends on {expiryDate} and is not renewed. A superuser can undo the cancellation until then.",
            "lifecycle.renewal.levelClosed": "{level} is no longer open to you, so the membership is not renewed automatically and nothing is charged. {missing} It ends on {expiryDate} unless you choose an open level.",
            "lifecycle.renewal.termsChanged": "The CPS membership terms have changed (now version {termsVersion}), so nothing is charged automatically: a superuser accepts the new terms by buying the renewal. Otherwise the membership ends on {expiryDate}.",
            "lifecycle.renewal.manual": "It is not renewed automatically: to continue after {expiryDate}, choose a level under \"Available CPS levels\".",
            "lifecycle.renewal.noOpenLevels": "none at the moment",
            "lifecycle.renewal.levelPrice": "{level} ({fee} a year)",
        ],
        swedish: [
            "lifecycle.renewal.renewing.card": "Det förnyas automatiskt för en ny period från {expiryDate}: förnyelsefakturan {invoiceNumber} på {amount} är på väg, och ditt kort debiteras den {expiryDate}. Säg upp medlemskapet före dess om du inte vill förnya.",
            "lifecycle.renewal.renewing.bankTransfer": "Betala förnyelsefakturan {invoiceNumber} på {amount} senast den {expiryDate} med referensen {reference} för att förnya det för en ny period från {expiryDate}. Är den obetald då, går medlemskapet ut.",
            "lifecycle.renewal.cancelled": "Ni har sagt upp det, så det upphör den {expiryDate} och förnyas inte. En superanvändare kan ångra uppsägningen fram till dess.",
            "lifecycle.renewal.levelClosed": "{level} är inte längre öppen för er, så medlemskapet förnyas inte automatiskt och inget debiteras. {missing} Det upphör den {expiryDate} om ni inte väljer en öppen nivå.",
            "lifecycle.renewal.termsChanged": "Villkoren för CPS-medlemskapet har ändrats (nu version {termsVersion}), så inget debiteras automatiskt: en superanvändare godkänner de nya villkoren genom att köpa förnyelsen. Annars upphör medlemskapet den {expiryDate}.",
            "lifecycle.renewal.manual": "Det förnyas inte automatiskt: välj en nivå under \"Tillgängliga CPS-nivåer\" för att fortsätta efter {expiryDate}.",
            "lifecycle.renewal.noOpenLevels": "inga just nu",
            "lifecycle.renewal.levelPrice": "{level} ({fee} per år)",
        ])

    /// The renewal notice e-mail (R-LIFE-1, R-LIFE-4, R-LIFE-6) and the mid-term level-shortfall notice
    /// (R-LIFE-4). Part of the `email` keys.
    static let lifecycleEmail = TextTable(
        part: "email",
        english: [
            "email.levelShortfall.subject": "The points of {company} have fallen below CPS {level}",
            "email.levelShortfall.body": """
                Hello {name},

                The points of {company} have fallen. {missing}

                The CPS {level} membership {membershipNumber} keeps its level until {expiryDate}. At the renewal the level is decided again from the points then: register products under "My products" to keep {level}.

                Canon Professional Services
                """,
            "email.renewalNotice.subject": "Your CPS {level} membership {membershipNumber} runs until {expiryDate}",
            "email.renewalNotice.body": """
                Hello {name},

                The CPS {level} membership {membershipNumber} of {company} runs until {expiryDate}.

                {outcome}

                CPS levels open to {company} now: {openLevels}.

                Canon Professional Services
                """,
        ],
        swedish: [
            "email.levelShortfall.subject": "Poängen för {company} räcker inte längre till CPS {level}",
            "email.levelShortfall.body": """
                Hej {name},

                Poängen för {company} har minskat. {missing}

                CPS-medlemskapet {level} {membershipNumber} behåller sin nivå till och med {expiryDate}. Vid förnyelsen avgörs nivån på nytt utifrån poängen då: registrera produkter under "Mina produkter" för att behålla {level}.

                Canon Professional Services
                """,
            "email.renewalNotice.subject": "Ert CPS-medlemskap {level} {membershipNumber} gäller till {expiryDate}",
            "email.renewalNotice.body": """
                Hej {name},

                CPS-medlemskapet {level} {membershipNumber} för {company} gäller till {expiryDate}.

                {outcome}

                CPS-nivåer som är öppna för {company} nu: {openLevels}.

                Canon Professional Services
                """,
        ])

    /// The refusals of R-LIFE-3 and R-LIFE-6 (``MembershipError``). Part of the `billing` keys.
    static let lifecycleErrors = TextTable(
        part: "billing",
        english: [
            "billing.error.noCurrentMembership": "There is no current CPS membership to change.",
            "billing.error.alreadyCancelled": "The CPS {level} membership is already cancelled at the end of its term.",
            "billing.error.notCancelled": "The CPS {level} membership is not cancelled, so there is nothing to undo.",
            "billing.error.renewalAlreadyCharged": "The renewal is already charged or paid (invoice {invoiceNumber}), so the membership can no longer be cancelled for this term.",
            "billing.error.termEnded": "The CPS {level} membership term has ended, so the cancellation can no longer be undone. Choose a level to start a new term.",
            "billing.error.chargeInProgress": "The card charge of invoice {number} has started or been made, so the invoice cannot be voided now.",
            "billing.error.unknownInvoice": "There is no such invoice.",
            "billing.error.voidInstead": "Nothing of invoice {number} is paid: void it instead of issuing a credit note.",
            "billing.error.creditExceedsInvoice": "A credit note cannot credit more than is left of invoice {number} ({left}).",
            "billing.error.missingVoidReason": "Say why the invoice is voided.",
            "billing.error.unknownCreditNote": "There is no such credit note.",
            "billing.error.nothingToRefund": "Credit note {number} has nothing left to refund: all of it reduced what was still due.",
            "billing.error.notPaidByCard": "Invoice {number} was not paid by card: record the bank refund instead.",
            "billing.error.refundExceedsCaptured": "The refunds of invoice {number} cannot total more than the card charge captured ({left} left).",
            "billing.error.refundInProgress": "Credit note {number} is refunded already, or its refund is being made.",
            "billing.error.missingBankRefundReference": "Give the reference of the bank transfer that paid the money back.",
            "billing.error.paidWithAccountCredit": "Invoice {number} was paid with account credit and nothing was charged to a card, so the amount stays as credit on the account.",
            "billing.error.creditAlreadyUsed": "The credit of credit note {number} has already been used on a later invoice or paid back: the account holds {left}.",
            "billing.error.refundRefused": "The card refund of {amount} for credit note {number} was refused. Nothing was refunded; the amount is credit on the account again. Try again later or record a bank refund.",
            "billing.error.chargebackNotPossible": "A chargeback cannot be recorded for invoice {number}: only a paid card invoice, once, and for at most what its card charge captured and was not refunded.",
            "billing.error.termsNotCurrent": "The membership terms you accepted (version {accepted}) are not the current ones (version {current}). Read and accept the current terms to continue.",
        ],
        swedish: [
            "billing.error.noCurrentMembership": "Det finns inget aktuellt CPS-medlemskap att ändra.",
            "billing.error.alreadyCancelled": "CPS-medlemskapet {level} är redan uppsagt till periodens slut.",
            "billing.error.notCancelled": "CPS-medlemskapet {level} är inte uppsagt, så det finns inget att ångra.",
            "billing.error.renewalAlreadyCharged": "Förnyelsen är redan debiterad eller betald (faktura {invoiceNumber}), så medlemskapet kan inte längre sägas upp för den här perioden.",
            "billing.error.termEnded": "Perioden för CPS-medlemskapet {level} har tagit slut, så uppsägningen kan inte längre ångras. Välj en nivå för att börja en ny period.",
            "billing.error.chargeInProgress": "Kortdebiteringen av faktura {number} har påbörjats eller gjorts, så fakturan kan inte makuleras nu.",
            "billing.error.unknownInvoice": "Fakturan finns inte.",
            "billing.error.voidInstead": "Inget av faktura {number} är betalt: makulera den i stället för att utfärda en kreditnota.",
            "billing.error.creditExceedsInvoice": "En kreditnota kan inte kreditera mer än vad som återstår av faktura {number} ({left}).",
            "billing.error.missingVoidReason": "Ange varför fakturan makuleras.",
            "billing.error.unknownCreditNote": "Kreditnotan finns inte.",
            "billing.error.nothingToRefund": "Kreditnota {number} har inget kvar att återbetala: hela beloppet minskade det som återstod att betala.",
            "billing.error.notPaidByCard": "Faktura {number} betalades inte med kort: registrera återbetalningen via bank i stället.",
            "billing.error.refundExceedsCaptured": "Återbetalningarna för faktura {number} kan inte överstiga det kortdebiteringen drog ({left} kvar).",
            "billing.error.refundInProgress": "Kreditnota {number} är redan återbetald, eller så pågår återbetalningen.",
            "billing.error.missingBankRefundReference": "Ange referensen för banköverföringen som betalade tillbaka pengarna.",
            "billing.error.paidWithAccountCredit": "Faktura {number} betalades med tillgodohavande och inget drogs från något kort, så beloppet ligger kvar som tillgodohavande på kontot.",
            "billing.error.creditAlreadyUsed": "Tillgodohavandet från kreditnota {number} har redan använts på en senare faktura eller betalats tillbaka: kontot har {left}.",
            "billing.error.refundRefused": "Kortåterbetalningen på {amount} för kreditnota {number} nekades. Inget återbetalades; beloppet är åter ett tillgodohavande på kontot. Försök igen senare eller registrera en återbetalning via bank.",
            "billing.error.chargebackNotPossible": "Ett återkrav från kortutgivaren kan inte registreras för faktura {number}: bara för en betald kortfaktura, en gång, och högst med det belopp som kortdebiteringen drog och som inte har återbetalats.",
            "billing.error.termsNotCurrent": "De medlemsvillkor ni har godkänt (version {accepted}) är inte de gällande (version {current}). Läs och godkänn de gällande villkoren för att fortsätta.",
        ])
}
