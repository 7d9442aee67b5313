extension TextTable {
    /// The e-mails of the journey (R-VAL-3, R-PWD-1): subject and body per template, in the seed's words.
    static let email = TextTable(
        part: "email",
        english: [
            "email.error.temporary": "The e-mail could not be delivered right now; it will be sent again.",
            "email.error.permanent": "The e-mail cannot be delivered to this address.",
            "email.applicationReceived.subject": "We have received your application for a Canon business account",
            "email.applicationReceived.body": """
                Hello,

                We have received the application of {company} for a Canon business account.

                Validation can take up to {workingDays, plural, one {# working day} other {# working days}}: expect our answer by {dueDate}. When your account is ready you will receive an automatic e-mail from {sender} with a link to set your password. Do not try to reset the password before then.

                Canon Professional Services
                """,
            "email.accountReady.subject": "Your Canon business account is ready: set your password",
            "email.accountReady.body": """
                Hello {name},

                We have validated and created the business account of {company}. Set your new password with this link:

                {link}

                The link works once and for {hours} hours. Once you have set the password you can log in to your new business account and register your Canon products under "My products".

                Canon Professional Services
                """,
            "email.applicationRejected.subject": "Your application for a Canon business account",
            "email.applicationRejected.body": """
                Hello {name},

                We could not approve the application of {company} for a Canon business account, for this reason:

                {note}

                You are welcome to apply again with the right details and documents.

                Canon Professional Services
                """,
            "email.moreInformation.subject": "We need more information for your Canon business account",
            "email.moreInformation.body": """
                Hello {name},

                To validate the application of {company} we need the following:

                {note}

                Update the application and submit it again. Validation can take up to two working days from then.

                Canon Professional Services
                """,
            "email.userInvited.subject": "You have been added to a Canon business account",
            "email.userInvited.body": """
                Hello {name},

                {inviter} has added you to the Canon business account of {company}. Set your password with this link:

                {link}

                The link works once and for {hours} hours.

                Canon Professional Services
                """,
            "email.passwordReset.subject": "Set a new password for your Canon business account",
            "email.passwordReset.body": """
                Hello {name},

                Set a new password with this link:

                {link}

                The link works once and for {hours} hours. If you did not ask for it, you can ignore this e-mail.

                Canon Professional Services
                """,
        ],
        swedish: [
            "email.error.temporary": "E-postmeddelandet kunde inte levereras just nu; det skickas igen.",
            "email.error.permanent": "E-postmeddelandet kan inte levereras till den här adressen.",
            "email.applicationReceived.subject": "Vi har tagit emot din ansökan om ett företagskonto hos Canon",
            "email.applicationReceived.body": """
                Hej!

                Vi har tagit emot ansökan från {company} om ett företagskonto hos Canon.

                Valideringen kan ta upp till {workingDays, plural, one {# arbetsdag} other {# arbetsdagar}}: räkna med vårt svar senast {dueDate}. När ditt konto är klart får du ett automatiskt e-postmeddelande från {sender} med en länk för att ange ditt lösenord. Försök inte att återställa lösenordet innan dess.

                Canon Professional Services
                """,
            "email.accountReady.subject": "Ditt företagskonto hos Canon är klart: ange ditt lösenord",
            "email.accountReady.body": """
                Hej {name}!

                Vi har validerat och skapat företagskontot för {company}. Ange ditt nya lösenord med den här länken:

                {link}

                Länken fungerar en gång och i {hours} timmar. När du har angett lösenordet kan du logga in på ditt nya företagskonto och registrera dina Canon-produkter under fliken ”Mina produkter”.

                Canon Professional Services
                """,
            "email.applicationRejected.subject": "Din ansökan om ett företagskonto hos Canon",
            "email.applicationRejected.body": """
                Hej {name}!

                Vi kunde inte godkänna ansökan från {company} om ett företagskonto hos Canon, av följande skäl:

                {note}

                Du är välkommen att ansöka igen med rätt uppgifter och dokument.

                Canon Professional Services
                """,
            "email.moreInformation.subject": "Vi behöver fler uppgifter för ditt företagskonto hos Canon",
            "email.moreInformation.body": """
                Hej {name}!

                För att validera ansökan från {company} behöver vi följande:

                {note}

                Uppdatera ansökan och skicka in den igen. Valideringen kan ta upp till två arbetsdagar från och med då.

                Canon Professional Services
                """,
            "email.userInvited.subject": "Du har lagts till i ett företagskonto hos Canon",
            "email.userInvited.body": """
                Hej {name}!

                {inviter} har lagt till dig i företagskontot för {company} hos Canon. Ange ditt lösenord med den här länken:

                {link}

                Länken fungerar en gång och i {hours} timmar.

                Canon Professional Services
                """,
            "email.passwordReset.subject": "Ange ett nytt lösenord för ditt företagskonto hos Canon",
            "email.passwordReset.body": """
                Hej {name}!

                Ange ett nytt lösenord med den här länken:

                {link}

                Länken fungerar en gång och i {hours} timmar. Om du inte bad om den kan du bortse från det här meddelandet.

                Canon Professional Services
                """,
        ])
}
