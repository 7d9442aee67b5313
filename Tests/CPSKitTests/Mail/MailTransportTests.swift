@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Mail transports: conformance, maildir, fault injection (R-ADP-2)")
struct MailTransportTests {
    private static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cpskit-maildir-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static func readBack(_ transport: MaildirTransport) throws -> [MailMessage] {
        try transport.renderedMessages().map { try MIMETestDecoder.decode($0).message() }
    }

    @Test("InMemoryMailbox passes MailTransportConformance (R-ADP-2)")
    func inMemoryConforms() async throws {
        let passed = try await MailTransportConformance.run(makeTransport: { InMemoryMailbox() },
                                                            readBack: { $0.messages })
        #expect(passed.count == 6)
    }

    @Test("MaildirTransport passes MailTransportConformance (R-ADP-2)")
    func maildirConforms() async throws {
        var directories: [URL] = []
        defer { for url in directories { try? FileManager.default.removeItem(at: url) } }
        try await MailTransportConformance.run(
            makeTransport: {
                let url = try Self.temporaryDirectory()
                directories.append(url)
                return MaildirTransport(directory: url, hostname: "test.host")
            },
            readBack: { try Self.readBack($0) })
    }

    @Test("A FaultInjectingMailTransport that always duplicates, over a mailbox, still conforms (R-ADP-2)")
    func faultInjectingConforms() async throws {
        try await MailTransportConformance.run(
            makeTransport: { () -> DuplicatingPair in
                let pair = DuplicatingPair()
                pair.transport.inject(.duplicate, times: nil)
                return pair
            },
            readBack: { $0.mailbox.messages })
    }

    @Test("The conformance suite catches a transport that mangles non-ASCII text (R-ADP-2)")
    func conformanceCatchesLossyTransport() async throws {
        let failure = await #expect(throws: MailConformanceFailure.self) {
            try await MailTransportConformance.run(
                makeTransport: { LossyTransport() },
                readBack: { $0.mailbox.messages })
        }
        #expect(failure?.check == "non-ASCII survives")
    }

    @Test("The conformance suite catches a transport that keeps duplicates while claiming to honour Message-IDs (R-ADP-2)")
    func conformanceCatchesDuplicates() async throws {
        let failure = await #expect(throws: MailConformanceFailure.self) {
            try await MailTransportConformance.run(
                makeTransport: { RecordingTransport() },
                readBack: { $0.sent })
        }
        #expect(failure?.check == "redelivery of a Message-ID")
        // Declared honestly, the same transport passes.
        try await MailTransportConformance.run(honoursMessageID: false, makeTransport: { RecordingTransport() },
                                               readBack: { $0.sent })
    }

    @Test("Maildir: a mail appears in new/ as valid MIME, tmp/ is left empty, redelivery writes nothing (R-ADP-2)")
    func maildirFiles() async throws {
        let url = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        let transport = MaildirTransport(directory: url, hostname: "mail.example:1/x")
        let mail = try MailFixtures.message(1)
        try await transport.deliver(mail)
        try await transport.deliver(mail)
        let newFiles = try FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent("new").path)
        #expect(newFiles.count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent("tmp").path).isEmpty)
        let name = try #require(newFiles.first)
        #expect(name.hasSuffix(".mail.example\\0721\\057x"))
        #expect(!name.contains("/") && !name.contains(":"))
        let back = try #require(try Self.readBack(transport).first)
        #expect(back.messageID == mail.messageID && back.subject == mail.subject && back.body == mail.body)
        #expect(back.to == mail.to)
    }

    @Test("Maildir: a mail a client moved to cur/ with flags is still recognised, also by a new transport (R-ADP-2)")
    func maildirCurAndNewInstance() async throws {
        let url = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        let mail = try MailFixtures.message(1)
        try await MaildirTransport(directory: url).deliver(mail)
        let new = url.appendingPathComponent("new")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: new.path).first)
        try FileManager.default.moveItem(at: new.appendingPathComponent(name),
                                         to: url.appendingPathComponent("cur").appendingPathComponent(name + ":2,S"))
        let again = MaildirTransport(directory: url)
        try await again.deliver(mail)
        try await again.deliver(try MailFixtures.message(2))
        #expect(try again.messageFiles().count == 2)
        #expect(try Self.readBack(again).map(\.messageID).sorted()
                == ["<outbox-1@canon-europe.com>", "<outbox-2@canon-europe.com>"])
    }

    @Test("Maildir: many concurrent deliveries get unique file names (R-ADP-2)")
    func maildirUniqueNames() async throws {
        let url = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        let clock = TestClock(MailFixtures.start) // a frozen clock: names must still differ
        let transport = MaildirTransport(directory: url, hostname: "h", time: clock.source,
                                         random: RandomSource { Array(repeating: 7, count: $0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 1...30 { group.addTask { try await transport.deliver(try MailFixtures.message(n)) } }
            try await group.waitForAll()
        }
        let files = try transport.messageFiles()
        #expect(files.count == 30)
        #expect(Set(files.map(\.lastPathComponent)).count == 30)
    }

    @Test("Maildir: an unusable directory is a temporary error, so the dispatcher retries (R-ADP-2)")
    func maildirUnusable() async throws {
        let url = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        let file = url.appendingPathComponent("not-a-directory")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("x".utf8)))
        let transport = MaildirTransport(directory: file)
        let error = await #expect(throws: MailTransportError.self) { try await transport.deliver(try MailFixtures.message(1)) }
        #expect(error?.permanent == false)
    }

    @Test("Dispatching into a maildir through faults leaves exactly one file per mail (R-ADP-2)")
    func dispatchIntoMaildir() async throws {
        let url = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: url) }
        let store = try await MailFixtures.store(withMails: 4)
        let maildir = MaildirTransport(directory: url)
        let transport = FaultInjectingMailTransport(wrapping: maildir)
        transport.inject(.timeoutAfterDelivery, times: 2)
        transport.inject(.duplicate, times: 2)
        let clock = TestClock(MailFixtures.start)
        let dispatcher = MailDispatcher(try MailFixtures.context(store, clock), transport: transport)
        for _ in 0..<3 {
            _ = try await dispatcher.dispatchPending()
            clock.advance(by: 3_600)
        }
        #expect(try await MailFixtures.outbox(store).allSatisfy { $0.status == .delivered })
        #expect(try Self.readBack(maildir).map(\.messageID).sorted() == (1...4).map { "<outbox-\($0)@canon-europe.com>" })
    }

    @Test("The fault-injecting transport applies faults in order, per Message-ID, and records every attempt (R-ADP-2)")
    func faultScript() async throws {
        let mailbox = InMemoryMailbox()
        let transport = FaultInjectingMailTransport(wrapping: mailbox)
        let one = try MailFixtures.message(1), two = try MailFixtures.message(2)
        transport.inject(.permanent, messageID: two.messageID)
        transport.inject(.temporary, times: 2)
        await #expect(throws: MailTransportError(permanent: false, detail: "injected temporary failure")) { try await transport.deliver(one) }
        await #expect(throws: MailTransportError(permanent: true, detail: "injected permanent failure")) { try await transport.deliver(two) }
        await #expect(throws: MailTransportError.self) { try await transport.deliver(two) }
        try await transport.deliver(two)
        try await transport.deliver(one)
        #expect(transport.attempts.map(\.number) == [1, 2, 3, 4, 5])
        #expect(transport.attempts.map(\.fault) == [.temporary, .permanent, .temporary, nil, nil])
        #expect(transport.attempts(for: two.messageID).map(\.outcome.reachedTransport) == [false, false, true])
        #expect(mailbox.messages.map(\.messageID) == [two.messageID, one.messageID])
        transport.inject(.temporary, times: nil)
        transport.clearFaults()
        try await transport.deliver(one)
        #expect(transport.attempts.last?.outcome == .delivered)
    }
}

/// A broken transport for the negative conformance test: it drops every non-ASCII character.
private struct LossyTransport: MailTransport {
    let mailbox = InMemoryMailbox()
    func deliver(_ message: MailMessage) async throws(MailTransportError) {
        var copy = message
        copy.subject = String(copy.subject.unicodeScalars.filter(\.isASCII).map(Character.init))
        try await mailbox.deliver(copy)
    }
}

/// A fault-injecting transport over a mailbox, with the mailbox at hand for reading back.
private struct DuplicatingPair: MailTransport {
    let mailbox = InMemoryMailbox()
    let transport: FaultInjectingMailTransport
    init() { transport = FaultInjectingMailTransport(wrapping: mailbox) }
    func deliver(_ message: MailMessage) async throws(MailTransportError) { try await transport.deliver(message) }
}

/// A transport that keeps every delivery, duplicates included.
private final class RecordingTransport: MailTransport {
    private let box = InMemoryMailboxLog()
    var sent: [MailMessage] { box.all }
    func deliver(_ message: MailMessage) async throws(MailTransportError) { box.append(message) }
}

private final class InMemoryMailboxLog: Sendable {
    private let log = Locked<[MailMessage]>([])
    var all: [MailMessage] { log.withLock { $0 } }
    func append(_ message: MailMessage) { log.withLock { $0.append(message) } }
}
