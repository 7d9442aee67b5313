import CPSKit
import CPSKitTesting
import Foundation

/// The seed's journey for one Swedish company, told step by step from a fresh in-memory store with a
/// fixed clock, incrementing IDs and seeded randomness, so that every run prints the same (R-ADP-3).
///
/// It is also the shortest complete example of using CPSKit in a host: read it top to bottom.
struct Walkthrough {
    let language: Language
    let print: (String) -> Void

    private var catalog: TextCatalog { .standard }

    private func say(_ key: String, _ arguments: [String: String] = [:]) {
        print(catalog.render(TextKey("walkthrough.\(key)"), arguments, in: language))
    }

    private func heading(_ key: String) {
        print("")
        say(key)
    }

    func run() async throws {
        // A host builds one context: a store, an identity adapter, the policy, time, IDs, randomness.
        let env = TestEnvironment(start: "2026-11-27T10:00:00+01:00")
        let mailbox = InMemoryMailbox()
        let dispatcher = MailDispatcher(store: env.store, transport: mailbox, time: env.clock.source)
        let days = DayFormatter()
        var form = Fixtures.swedishForm
        form.contactLanguage = language.code
        let applicant = Principal.applicant(try EmailAddress(form.contactEmail))
        let reviewer = Principal.reviewer("granskare-1")

        say("title", ["company": form.companyName])

        heading("step1")
        let application = try await env.onboarding.createApplication(form, as: applicant)
        say("step1.done", ["id": application.id, "vat": application.vatStatus.number?.compact ?? "-"])

        heading("step2")
        let evaluationBefore = try await env.onboarding.evidence(of: application.id, as: applicant)
        say("step2.requirement", ["text": catalog.render(TextKey("evidence.requirement.\(evaluationBefore.requirements[0].code)"), in: language)])
        let document = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "faktura-2026-11.pdf",
                                                            bytes: Fixtures.pdf, as: applicant)
        say("step2.done", ["file": document.fileName, "type": document.mediaType.rawValue])

        heading("step3")
        say("step3.done", ["email": application.oldCPSEmail?.address ?? "-"])

        heading("step4")
        let receipt = try await env.onboarding.submit(application.id, as: applicant)
        say("step4.submitted", ["date": days.long(receipt.deadline.submissionDay, in: language),
                                "due": days.long(receipt.deadline.dueDay, in: language)])
        try await deliver(dispatcher, mailbox)
        // Trying to reset the password before the account exists: the same neutral answer, no mail.
        _ = try await env.passwords.requestPasswordReset(email: form.contactEmail)
        say("step4.earlyReset", ["answer": catalog.render("password.reset.answer", in: language)])
        env.clock.advance(days: 3) // Monday 30 November
        let queue = try await env.review.queue(as: reviewer)
        say("step4.queue", ["count": String(queue.count), "due": days.long(queue[0].dueDay, in: language)])
        try await env.review.startReview(application.id, as: reviewer)
        let evaluation = try await env.review.recordVisibleFields(Fixtures.visibleFields(of: form), on: document.id,
                                                                  of: application.id, as: reviewer)
        say("step4.examined", ["status": evaluation.isSatisfied ? "OK" : evaluation.currentlyDue.joined(separator: ", ")])
        let approval = try await env.review.approve(application.id, as: reviewer)
        say("step4.approved", ["account": approval.account.id, "user": approval.superuser.email.address])

        heading("step5")
        let mails = try await deliver(dispatcher, mailbox)
        guard let ready = mails.first(where: { $0.template == "accountReady" }), let link = ready.facts["link"],
              let token = link.components(separatedBy: "token=").last else {
            say("failed")
            return
        }
        let user = try await env.passwords.setPassword(token: token, newPassword: "Ljus-och-bild-2026")
        say("step5.done", ["user": user.email.address])
        let principal = try await env.passwords.signIn(email: form.contactEmail, password: "Ljus-och-bild-2026")
        let account = try await env.accounts.account(approval.account.id, as: principal)
        say("step5.signedIn", ["company": account.companyName, "status": account.status.rawValue])
    }

    /// Delivers the outbox and prints every mail received.
    @discardableResult
    private func deliver(_ dispatcher: MailDispatcher, _ mailbox: InMemoryMailbox) async throws -> [MailMessage] {
        _ = try await dispatcher.dispatchPending()
        let received = mailbox.popMessages()
        for mail in received {
            print("")
            say("mail", ["to": mail.to.map(\.description).joined(separator: ", "), "from": mail.from.description,
                         "subject": mail.subject])
            for line in mail.body.split(separator: "\n", omittingEmptySubsequences: false) { print("  │ " + line) }
        }
        return received
    }
}
