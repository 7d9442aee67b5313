@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// The maildir transport removes its own partial files of killed deliveries from `tmp/` after 36
/// hours, the Maildir rule, by the injected clock (R-ADP-2, R-ADP-3).
@Suite("Maildir: stale tmp/ files of killed deliveries are removed after 36 hours (R-ADP-2)")
struct MaildirStaleFilesTests {
    /// A file `name` in `tmp/` last modified `hoursAgo` hours before the clock's time.
    private func place(_ name: String, in url: URL, hoursAgo: Double, clock: TestClock) throws {
        let tmp = url.appendingPathComponent("tmp")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        let file = tmp.appendingPathComponent(name)
        try Data("partial".utf8).write(to: file)
        try FileManager.default.setAttributes([.modificationDate: clock.now.addingTimeInterval(-hoursAgo * 3600)],
                                              ofItemAtPath: file.path)
    }

    private func remaining(_ url: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent("tmp").path).sorted()
    }

    @Test("R-ADP-2: a delivery removes the transport's own tmp/ files older than 36 hours and keeps the rest")
    func deliveryRemovesStaleFiles() async throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cpskit-maildir-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let clock = TestClock(MailFixtures.start)
        let transport = MaildirTransport(directory: url, hostname: "h.example", time: clock.source)
        let old = "1796000000.M1P42Q1R00000000H0123456789abcdef.h.example"
        let young = "1796000001.M1P42Q2R00000000H0123456789abcdef.h.example"
        let foreign = "1796000000.M1P42Q1R00000000H0123456789abcdef.other.host"
        let notOurs = "draft.txt"
        try place(old, in: url, hoursAgo: 37, clock: clock)
        try place(young, in: url, hoursAgo: 35, clock: clock)
        try place(foreign, in: url, hoursAgo: 100, clock: clock)
        try place(notOurs, in: url, hoursAgo: 100, clock: clock)
        try await transport.deliver(try MailFixtures.message(1))
        #expect(try remaining(url) == [young, foreign, notOurs].sorted())
        #expect(try transport.messageFiles().count == 1)
        // Two hours later the young one is stale too (the simulated clock, not the file system's).
        clock.advance(by: 2 * 3600)
        #expect(try transport.removeStaleTemporaryFiles() == 1)
        #expect(try remaining(url) == [foreign, notOurs].sorted())
    }

    @Test("R-ADP-2: removing stale files from a maildir that does not exist yet removes nothing")
    func missingMaildir() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cpskit-maildir-\(UUID().uuidString)")
        #expect(try MaildirTransport(directory: url, time: TestClock(MailFixtures.start).source).removeStaleTemporaryFiles() == 0)
    }
}
