import Foundation

/// Delivers the mails waiting in the outbox: at least once, with retries and capped exponential
/// backoff, never losing a mail and never sending one again once it is recorded as delivered
/// (R-ADP-2).
///
/// Services write an ``OutboxMail`` in the same ``WriteBatch`` as the state change that sends it.
/// A dispatcher — run after each request, on a timer, or by the walkthrough — then calls
/// ``dispatchPending(limit:)``:
///
/// ```swift
/// let dispatcher = MailDispatcher(context, transport: mailbox)
/// let report = try await dispatcher.dispatchPending()
/// print(report.delivered, report.retrying, report.failed)
/// ```
///
/// For each pending mail that is due (``OutboxMail/nextAttemptAt`` ≤ now), in outbox insertion order:
///
/// 1. **Claim** it with a versioned update: `attempts + 1`, `nextAttemptAt = now + claimDuration`.
///    A version conflict means another dispatcher took it first: the mail is skipped, not sent.
/// 2. **Deliver** it through the ``MailTransport``, always with the same ``MailMessage/messageID``.
/// 3. **Record** the result with a versioned update on the claimed version:
///    - accepted → `delivered` (with `deliveredAt`); a delivered mail is never selected again;
///    - temporary failure → stays `pending`, `lastError` set, `nextAttemptAt = now + backoff`;
///    - permanent failure → `failed`, not tried again, reported in ``DispatchReport/failed``.
///
/// **At least once, not exactly once.** A mail is sent again when the transport accepted it but the
/// dispatcher could not record that: the transport timed out after delivering, the store failed, the
/// process crashed, or a send outlasted the claim and a second dispatcher took the mail over. Every
/// such resend carries the same Message-ID, so a transport that honours it (``InMemoryMailbox``,
/// `MaildirTransport`, an SMTP relay that de-duplicates) keeps one copy. Two dispatchers running at
/// once never lose a mail: the claim makes one of them skip it, and a delivery that loses a race to
/// record itself is recorded on the fresh version instead of being forgotten.
///
/// Store failures are thrown (``StorageError``); whatever was not recorded stays pending and is
/// tried again by a later run, so a failing store loses nothing either. The dispatcher imposes no
/// time limit on a transport; a transport should time out well within
/// ``MailRetryPolicy/claimDuration``.
public struct MailDispatcher: Sendable {
    /// The context: its store holds the outbox, its clock decides which mails are due and when to
    /// retry (R-ADP-3), its event sink hears every delivery attempt (R-UOW-3).
    public let context: CPSContext
    /// Where mails go.
    public let transport: any MailTransport
    /// Backoff and claim durations.
    public let policy: MailRetryPolicy

    private var store: any RecordStore { context.store }
    private var time: TimeSource { context.time }

    /// Creates a dispatcher over `context` delivering through `transport` (R-ADP-2). A host that gave
    /// its context a ``CPSContext/mailTransport`` finds this dispatcher in ``CPSServices/mailDispatcher``.
    public init(_ context: CPSContext, transport: any MailTransport, policy: MailRetryPolicy = .standard) {
        self.context = context
        self.transport = transport
        self.policy = policy
    }

    /// Delivers up to `limit` pending mails that are due now (default: the policy's job page size),
    /// oldest first, and records each result (R-ADP-2). Returns what happened to each; throws when the
    /// store fails, in which case every mail not yet recorded stays pending for the next run. Stops
    /// early when the task is cancelled. The outbox is read a page at a time.
    public func dispatchPending(limit: Int? = nil) async throws(StorageError) -> DispatchReport {
        var report = DispatchReport()
        let limit = limit ?? context.policy.jobs.pageSize
        guard limit > 0 else { return report }
        let now = time.now()
        var taken = 0
        var cursor: RecordCursor?
        scan: repeat {
            let page = try await store.records(OutboxMail.pendingIndex, after: cursor,
                                               limit: limit)
            for envelope in page.records {
                guard !Task.isCancelled else { break scan }
                let stored: Stored<OutboxMail>
                do {
                    stored = try RecordCoder.decode(OutboxMail.self, from: envelope)
                } catch {
                    report.entries.append(.init(outboxID: OutboxMail.ID(envelope.id), messageID: "", attempt: 0,
                                                outcome: .unreadable(error: error.detail)))
                    continue
                }
                guard stored.record.status == .pending, stored.record.nextAttemptAt <= now else { continue }
                guard taken < limit else {
                    report.hasMore = true
                    break scan
                }
                taken += 1
                let entry = try await dispatch(stored)
                context.events.emit(.deliveryAttempted(outboxID: entry.outboxID.rawValue, attempt: entry.attempt,
                                                       outcome: entry.outcome.name))
                report.entries.append(entry)
            }
            cursor = page.next
        } while cursor != nil
        context.events.emit(.jobRun(job: name, processed: report.processed, hasMore: report.hasMore))
        return report
    }

    /// The earliest instant a pending mail is due, or `nil` when the outbox holds none (R-ADP-2): a
    /// runner can sleep until then.
    public func nextDueDate() async throws(StorageError) -> Date? {
        var earliest: Date?
        for envelope in try await store.records(OutboxMail.pendingIndex) {
            guard let mail = try? RecordCoder.decode(OutboxMail.self, from: envelope).record,
                  mail.status == .pending else { continue }
            earliest = min(earliest ?? mail.nextAttemptAt, mail.nextAttemptAt)
        }
        return earliest
    }

    // MARK: - One mail

    private func dispatch(_ stored: Stored<OutboxMail>) async throws(StorageError) -> DispatchReport.Entry {
        let id = stored.record.id, messageID = stored.record.message.messageID
        var claim = stored
        claim.record.attempts += 1
        claim.record.nextAttemptAt = time.now().addingTimeInterval(policy.effectiveClaimDuration)
        guard let claimed = try await update(claim) else {
            return .init(outboxID: id, messageID: messageID, attempt: 0, outcome: .skipped)
        }
        let attempt = claimed.record.attempts
        do {
            try await transport.deliver(try await rendered(claimed.record))
        } catch {
            return .init(outboxID: id, messageID: messageID, attempt: attempt,
                         outcome: try await recordFailure(error, on: claimed))
        }
        return .init(outboxID: id, messageID: messageID, attempt: attempt,
                     outcome: try await recordDelivery(of: claimed))
    }

    /// The message as the transport receives it (R-ID-3): a mail with a password link gets the link in
    /// place of ``MailMessage/passwordLinkPlaceholder``, computed now from the token record and the
    /// context's ``TokenKeys``; the outbox never holds it. A token record that is gone, or signed by a
    /// key no longer listed, makes the delivery fail permanently (the link could not work).
    private func rendered(_ mail: OutboxMail) async throws(MailTransportError) -> MailMessage {
        let message = try await withPasswordLink(mail)
        guard let invoiceID = mail.invoiceID else { return message }
        return try await withInvoiceDocument(invoiceID, message)
    }

    /// The invoice mail as delivered (R-BIL-2, R-IDOC-1): the invoice's text in the mail's language
    /// after the body, and its PDF attached (`<number>.pdf`), both rendered now through
    /// ``InvoiceDocumentService`` as the system; the outbox keeps only the invoice's ID. An invoice
    /// that is gone (or cannot be printed) fails the delivery permanently; a store failure is temporary.
    private func withInvoiceDocument(_ invoiceID: Invoice.ID, _ message: MailMessage) async throws(MailTransportError) -> MailMessage {
        var message = message
        do {
            guard let invoice = try await store.fetch(Invoice.self, id: invoiceID)?.record else {
                throw MailTransportError(permanent: true, detail: "the mail's invoice \(invoiceID) is gone")
            }
            let document = try await InvoiceDocumentService(context)
                .document(of: invoiceID, in: invoice.accountID, language: message.language, as: .system(name))
            let text = document.text(catalog: context.catalog)
            message.body += (message.body.hasSuffix("\n") ? "\n" : "\n\n") + text
            message.attachments.append(MailAttachment(fileName: "\(invoice.number).pdf", mediaType: "application/pdf",
                                                      bytes: try document.pdf(catalog: context.catalog)))
        } catch let error as MailTransportError {
            throw error
        } catch let error as InvoiceDocumentError {
            throw MailTransportError(permanent: true, detail: "the mail's invoice cannot be rendered: \(error.code)")
        } catch {
            throw MailTransportError(detail: "the mail's invoice cannot be read: \(error)")
        }
        return message
    }

    private func withPasswordLink(_ mail: OutboxMail) async throws(MailTransportError) -> MailMessage {
        guard let tokenID = mail.passwordTokenID else { return mail.message }
        let record: PasswordToken?
        do {
            record = try await store.fetch(PasswordToken.self, id: tokenID)?.record
        } catch {
            throw MailTransportError(detail: "the password token of the mail cannot be read: \(error.detail)")
        }
        guard let record, let link = TokenIssuer.link(of: record, keys: context.tokenKeys, policy: context.policy.mail) else {
            throw MailTransportError(permanent: true, detail: "the mail's password link cannot be made: its token is gone or its key is no longer listed")
        }
        var message = mail.message
        message.body = message.body.replacingOccurrences(of: MailMessage.passwordLinkPlaceholder, with: link)
        message.facts["link"] = link
        return message
    }

    /// Records a confirmed delivery. On a conflict the record is read again and the delivery recorded
    /// on the fresh version, unless it is already recorded as delivered (or gone): a confirmed
    /// delivery is never forgotten because of a race.
    private func recordDelivery(of claimed: Stored<OutboxMail>) async throws(StorageError) -> DispatchReport.Outcome {
        var current = claimed
        for _ in 0..<10 {
            current.record.status = .delivered
            current.record.deliveredAt = time.now()
            current.record.lastError = nil
            if try await update(current) != nil { return .delivered }
            guard let fresh = try await store.fetch(OutboxMail.self, id: claimed.record.id),
                  fresh.record.status != .delivered else { return .delivered }
            current = fresh
        }
        throw StorageError(.conflict, kind: OutboxMail.kind, subject: claimed.record.id.rawValue,
                           detail: "outbox \(claimed.record.id) keeps changing; its delivery stays unrecorded")
    }

    /// Records a failed attempt: `failed` for a permanent error, else pending with backoff. A conflict
    /// means another dispatcher took the mail over; its newer state stands.
    private func recordFailure(_ error: MailTransportError, on claimed: Stored<OutboxMail>) async throws(StorageError) -> DispatchReport.Outcome {
        var failed = claimed
        failed.record.lastError = error.description
        let outcome: DispatchReport.Outcome
        if error.permanent {
            failed.record.status = .failed
            outcome = .failed(error: error.description)
        } else {
            let next = time.now().addingTimeInterval(policy.delay(afterFailedAttempts: failed.record.attempts))
            failed.record.nextAttemptAt = next
            outcome = .retryScheduled(nextAttemptAt: next, error: error.description)
        }
        return try await update(failed) == nil ? .skipped : outcome
    }

    /// Commits `stored` as a versioned update and returns the new value, or `nil` on a version conflict.
    private func update(_ stored: Stored<OutboxMail>) async throws(StorageError) -> Stored<OutboxMail>? {
        var batch = WriteBatch(codec: store.payloadCodec)
        try batch.update(stored)
        do {
            let written = try await store.commit(batch)
            return Stored(record: stored.record, version: written.first?.version ?? stored.version + 1)
        } catch where error.reason == .conflict {
            return nil
        }
    }
}

// MARK: - CPSJob

extension MailDispatcher: CPSJob {
    /// `mailDispatch`.
    public var name: String { "mailDispatch" }

    /// ``dispatchPending(limit:)`` with the policy's page size (R-UOW-2).
    public func runOnce(as principal: Principal) async throws -> DispatchReport {
        try await context.read("mailDispatch.run", as: principal) { unit in try await unit.authorize(.system) }
        return try await dispatchPending()
    }

    /// ``nextDueDate()``, or `instant` when a mail is due already (R-ADP-2).
    public func nextDue(after instant: Date) async throws -> Date? { try await nextDueDate() }
}
