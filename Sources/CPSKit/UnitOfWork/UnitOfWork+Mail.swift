import Foundation

// The one mail composer and the one recipient rule (R-UOW-1, R-ADP-2): account mail goes to every
// active superuser of the account, each in their own language; application mail to its contact;
// a password link to the one user it is for.
extension UnitOfWork {
    /// Queues `template` to every active superuser of `accountID`, one outbox mail each in the
    /// superuser's language; `facts` gives the placeholders for each recipient. Returns the mails
    /// (none when the account has no active superuser).
    @discardableResult
    func mailAccount(_ accountID: BusinessAccount.ID, _ template: String,
                     facts: (AccountUser) -> [String: String]) async throws -> [OutboxMail] {
        try mail(template, toEach: try await activeSuperusers(of: accountID), facts: facts)
    }

    /// The active superusers of `accountID`, who receive its mail, read through the unit.
    func activeSuperusers(of accountID: BusinessAccount.ID) async throws -> [AccountUser] {
        try await fetchAll(AccountUser.self, indexKey: AccountUser.byAccount(accountID))
            .map(\.record).filter { $0.role == .superuser && $0.status == .active }
    }

    /// Queues `template` to each of `recipients` in their own language.
    @discardableResult
    func mail(_ template: String, toEach recipients: [AccountUser], attaching invoiceID: Invoice.ID? = nil,
              facts: (AccountUser) -> [String: String]) throws -> [OutboxMail] {
        var mails: [OutboxMail] = []
        for user in recipients {
            var values = facts(user)
            values["name"] = values["name"] ?? user.name
            mails.append(try mail(template, to: MailAddress(user.email, name: user.name), language: user.language,
                                  facts: values, attaching: invoiceID))
        }
        return mails
    }

    /// Queues `template` to `user` in the user's language.
    @discardableResult
    func mail(_ template: String, to user: AccountUser, facts: [String: String]) throws -> OutboxMail {
        try mail(template, to: MailAddress(user.email, name: user.name), language: user.language, facts: facts)
    }

    /// Queues `template` to `user` with the password link of `token` (R-ID-3): the outbox mail keeps
    /// the token's ID and ``MailMessage/passwordLinkPlaceholder`` where the link goes; the dispatcher
    /// renders the link at delivery.
    @discardableResult
    func mail(_ template: String, to user: AccountUser, passwordLink token: PasswordToken,
              facts: [String: String]) throws -> OutboxMail {
        var values = facts
        values[MailMessage.linkFact] = MailMessage.passwordLinkPlaceholder
        values[MailMessage.linkTemplateFact] = policy.mail.passwordLinkTemplate
        var mail = context.composer.compose(template, to: MailAddress(user.email, name: user.name), language: user.language,
                                            facts: values, date: now)
        mail.passwordTokenID = token.id
        try insert(mail)
        return mail
    }

    /// Queues `template` to the contact of `application` in the application's language.
    @discardableResult
    func mail(_ template: String, toContactOf application: BusinessAccountApplication,
              facts: [String: String]) throws -> OutboxMail {
        try mail(template, to: MailAddress(application.contactEmail, name: application.contactName),
                 language: application.language, facts: facts)
    }

    /// With `invoiceID` the outbox mail keeps only the invoice's ID (R-BIL-2, R-IDOC-1): the dispatcher
    /// renders the invoice's text and PDF at delivery, so no document bytes are written to the store.
    private func mail(_ template: String, to recipient: MailAddress, language: Language,
                      facts: [String: String], attaching invoiceID: Invoice.ID? = nil) throws -> OutboxMail {
        var mail = context.composer.compose(template, to: recipient, language: language, facts: facts, date: now)
        mail.invoiceID = invoiceID
        try insert(mail)
        return mail
    }
}
