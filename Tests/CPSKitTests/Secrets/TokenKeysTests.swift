@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// R-ID-3: the host's token keys, HMAC-SHA256, and where a key file may live.
@Suite("R-ID-3: token keys and HMAC-SHA256")
struct TokenKeysTests {
    private static func hex(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = [], index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            bytes.append(UInt8(text[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    @Test("R-ID-3: HMAC-SHA256 matches RFC 4231 test cases 1, 2, 3, 6 and 7", arguments: [
        ("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265",
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        ("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f",
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        (String(repeating: "aa", count: 20), String(repeating: "dd", count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        (String(repeating: "aa", count: 131),
         "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        (String(repeating: "aa", count: 131),
         "5468697320697320612074657374207573696e672061206c6172676572207468616e20626c6f636b2d73697a65206b657920616e642061206c6172676572207468616e20626c6f636b2d73697a6520646174612e20546865206b6579206e6565647320746f20626520686173686564206265666f7265206265696e6720757365642062792074686520484d414320616c676f726974686d2e",
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func rfc4231(key: String, data: String, mac: String) {
        #expect(TokenMAC.authenticate(Self.hex(data), key: Self.hex(key)) == Self.hex(mac))
    }

    @Test("R-ID-3: the text form round-trips; bad lines, lengths, IDs and duplicates are typed refusals")
    func parse() throws {
        let keys = try TokenKeys(currentKeyID: "k2", key: Array(repeating: 2, count: 32), previous: ["k1": Array(repeating: 1, count: 32)])
        let parsed = try TokenKeys.parse("# comment\n\n" + keys.text)
        #expect(parsed.currentKeyID == "k2" && parsed.keyIDs == ["k2", "k1"])
        #expect(parsed.key("k1") == Array(repeating: 1, count: 32))
        let thirtyOne = Data(repeating: 1, count: 31).base64EncodedString()
        let thirtyTwo = Data(repeating: 1, count: 32).base64EncodedString()
        let cases: [(String, TokenKeyError.Reason)] = [
            ("", .noKey), ("# only a comment\n", .noKey), ("k1\n", .malformedLine), ("k1 not-base64!\n", .malformedLine),
            ("k1 \(thirtyOne)\n", .wrongKeyLength), ("bad/id \(thirtyTwo)\n", .malformedKeyID),
            ("k1 \(thirtyTwo)\nk1 \(thirtyTwo)\n", .duplicateKeyID),
        ]
        for (text, reason) in cases {
            #expect(throws: TokenKeyError.self) { try TokenKeys.parse(text) }
            do { _ = try TokenKeys.parse(text) } catch { #expect(error.reason == reason, "\(text)") }
        }
        #expect(TokenKeyError(.fileTooOpen, facts: ["file": "/k", "mode": "644"]).message(in: .swedish).contains("chmod 600"))
    }

    @Test("R-ID-3: a key file inside the data directory, or readable by group or others, is refused")
    func fileRules() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cps-keys-\(UUID().uuidString)")
        let data = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let text = Data(TokenKeys.generated().text.utf8)
        func write(_ url: URL, mode: Int) throws {
            try text.write(to: url)
            try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: url.path)
        }
        let beside = root.appendingPathComponent("data.keys")
        try write(beside, mode: 0o600)
        #expect(try TokenKeys.load(fromFile: beside, dataDirectory: data).currentKeyID == "test-1")
        try write(beside, mode: 0o400)
        #expect(try TokenKeys.load(fromFile: beside, dataDirectory: data).currentKeyID == "test-1")
        let inside = data.appendingPathComponent("store").appendingPathComponent("keys")
        try FileManager.default.createDirectory(at: inside.deletingLastPathComponent(), withIntermediateDirectories: true)
        try write(inside, mode: 0o600)
        for (url, mode, reason) in [(inside, 0o600, TokenKeyError.Reason.insideDataDirectory),
                                    (beside, 0o640, .fileTooOpen), (beside, 0o604, .fileTooOpen), (beside, 0o620, .fileTooOpen)] {
            try write(url, mode: mode)
            do {
                _ = try TokenKeys.load(fromFile: url, dataDirectory: data)
                Issue.record("\(url.lastPathComponent) mode \(String(mode, radix: 8)) was accepted")
            } catch {
                #expect(error.reason == reason)
            }
        }
        // A symbolic link from outside into the data directory is still inside it.
        let link = root.appendingPathComponent("link.keys")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: inside)
        do {
            _ = try TokenKeys.load(fromFile: link, dataDirectory: data)
            Issue.record("a link into the data directory was accepted")
        } catch {
            #expect(error.reason == .insideDataDirectory)
        }
        do {
            _ = try TokenKeys.load(fromFile: root.appendingPathComponent("missing"), dataDirectory: data)
            Issue.record("a missing file was accepted")
        } catch {
            #expect(error.reason == .unreadable)
        }
    }
}
