import Foundation

// Rectification (R-GDPR-2): a person corrects their name, e-mail address or language.
extension PrivacyService {
    /// Corrects `userID`'s name, e-mail address or language (R-GDPR-2), by the user or a superuser
    /// of the account, in one unit of work:
    ///
    /// - the user record holds the new values; a new address is the new login (unique, R-ACC-4);
    /// - the account's application, when the user is its contact, holds them too (its contact is the
    ///   same person);
    /// - mails still waiting to the old address go to the new one; mails already sent stay as sent;
    /// - the audit entry `user.rectified` names the fields changed, never the old or new values, so
    ///   the old values are kept nowhere.
    ///
    /// - Throws: ``PrivacyError`` `nothingToRectify` (no field, or nothing different);
    ///   ``InputError`` for an empty or too long name, an invalid address or an unsupported language;
    ///   ``AccountError`` `userNotFound` (no such user of the account, or removed), `emailInUse`;
    ///   ``AuthorizationError`` for anyone but the user or a superuser of the account.
    @discardableResult
    public func rectify(_ userID: AccountUser.ID, _ correction: Rectification, as principal: Principal) async throws -> AccountUser {
        let name = try correction.name.map {
            try TextFieldRules.validate($0, field: "name", maxLength: context.policy.fieldLimits.personName)
        }
        let address = try correction.email.map { try EmailAddress($0) }
        if let language = correction.language, !context.catalog.languages.contains(language) {
            throw InputError(.unsupportedLanguage, field: "language", value: language.code.shownSafely(),
                             limit: context.catalog.languages.map(\.code).joined(separator: ", "))
        }
        do {
            return try await context.transact("privacy.rectify", as: principal) { unit in
                let found = try await unit.fetch(AccountUser.self, id: userID)
                if case .accountUser(let id) = principal, id == userID.rawValue, let found {
                    try await unit.authorize(.userOf(accountID: found.record.accountID))
                } else if let found {
                    try await unit.authorize(.superuserOf(accountID: found.record.accountID))
                } else {
                    throw AuthorizationError(.otherAccount, principal: principal)
                }
                guard var user = found, user.record.status != .removed else {
                    throw AccountError(.userNotFound, facts: ["user": userID.rawValue])
                }
                let old = user.record
                var fields: [String] = []
                if let name, name != old.name { user.record.name = name; fields.append("name") }
                if let address, address.address != old.email.address { user.record.email = address; fields.append("email") }
                if let language = correction.language, language != old.language { user.record.language = language; fields.append("language") }
                guard !fields.isEmpty else { throw PrivacyError(.nothingToRectify) }
                try unit.update(user)
                if let account = try await unit.fetch(BusinessAccount.self, id: old.accountID),
                   var application = try await unit.fetch(BusinessAccountApplication.self, id: account.record.applicationID),
                   application.record.contactEmail == old.email {
                    application.record.contactName = user.record.name
                    application.record.contactEmail = user.record.email
                    application.record.language = user.record.language
                    try unit.update(application)
                }
                if old.email.key != user.record.email.key {
                    for var mail in try await unit.fetchAll(OutboxMail.self, indexKey: OutboxMail.byRecipient(old.email))
                    where mail.record.status == .pending {
                        mail.record.message.to = mail.record.message.to.map {
                            $0.email.key == old.email.key ? MailAddress(user.record.email, name: user.record.name) : $0
                        }
                        try unit.update(mail)
                    }
                }
                try unit.audit(userID, "user.rectified", details: ["fields": fields.joined(separator: ",")])
                return user.record
            }
        } catch let error as StorageError where error.reason == .uniqueKeyTaken && error.subject?.hasPrefix("email:") == true {
            throw AccountError(.emailInUse, facts: ["email": address?.address ?? ""])
        }
    }
}
