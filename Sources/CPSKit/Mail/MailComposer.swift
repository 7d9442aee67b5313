import Foundation

/// Writes the journey's e-mails from the ``TextCatalog`` in the recipient's language, from the
/// policy's sender, as ``OutboxMail`` records ready to go into a ``WriteBatch`` (R-VAL-3, R-ADP-2).
///
/// A mail `template` has two catalog keys, `email.<template>.subject` and `email.<template>.body`;
/// `facts` fill their placeholders and stay on the message for programs and tests.
public struct MailComposer: Sendable {
    let policy: MailPolicy
    let catalog: TextCatalog
    let ids: IDGenerator

    /// Creates a composer.
    public init(policy: MailPolicy, catalog: TextCatalog, ids: IDGenerator) {
        self.policy = policy
        self.catalog = catalog
        self.ids = ids
    }

    /// The facts that are counts (R-MSG-1).
    private static let countFacts: Set<String> = ["workingDays", "points", "threshold", "daysOverdue"]

    /// An outbox record for `template` to `recipient`, written at `date`. The Message-ID is derived
    /// from the record's ID and the sender's domain, so it never changes across retries.
    public func compose(_ template: String, to recipient: MailAddress, language: Language,
                        facts: [String: String], date: Date) -> OutboxMail {
        let id: OutboxMail.ID = ids.next("mail")
        // R-MSG-1: counts stay numbers, formatted for the language and choosing the plural form.
        var arguments = facts.mapValues(MessageArgument.text)
        for name in Self.countFacts { if let raw = facts[name], let count = Int(raw) { arguments[name] = .count(count) } }
        let message = MailMessage(
            messageID: "<\(id)@\(policy.sender.domain)>",
            from: MailAddress(policy.sender, name: policy.senderName),
            to: [recipient],
            subject: catalog.render(TextKey("email.\(template).subject"), arguments: arguments, in: language),
            body: catalog.render(TextKey("email.\(template).body"), arguments: arguments, in: language),
            language: language, template: template, facts: facts, date: date)
        return OutboxMail(id: id, message: message)
    }
}
