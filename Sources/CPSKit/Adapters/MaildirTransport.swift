#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A ``MailTransport`` that writes each mail as a file in a Maildir, where any mail client (mutt,
/// Thunderbird, Apple Mail via import) reads it: for development, demos and the walkthrough (R-ADP-2).
///
/// Each mail is rendered by ``MIMERenderer``, written to `tmp/` under a unique name, flushed to disk
/// (`fsync`), moved to `new/` with an atomic rename, and `new/` is flushed too: a mail either appears
/// complete in `new/` or not at all, and once ``deliver(_:)`` returns it survives a crash.
///
/// **Message-ID.** The transport honours ``MailMessage/messageID``: a mail whose Message-ID is
/// already in `new/` or `cur/` is not written again. File names carry a stable 64-bit hash of the
/// Message-ID (`…H<16 hex digits>.<host>`); a delivery scans the names for that hash and confirms a
/// match by the file's `Message-ID` header, so the index is the Maildir itself and cannot drift from
/// it. Deliveries through one transport value are serialised; two processes delivering the same mail
/// at the same instant may both write it (delivery is at least once).
///
/// **Stale temporary files.** A delivery killed between writing `tmp/` and the rename leaves a
/// partial file there. Following the Maildir rule, each delivery first removes the transport's own
/// files in `tmp/` (names of its form ending in its host name) not modified for 36 hours, by the
/// injected clock; ``removeStaleTemporaryFiles()`` does it on demand.
///
/// ```swift
/// let transport = MaildirTransport(directory: URL(filePath: "/tmp/cps-mail"))
/// let dispatcher = MailDispatcher(store: store, transport: transport)
/// // then: mutt -f /tmp/cps-mail
/// ```
public final class MaildirTransport: MailTransport {
    private struct State {
        var sequence = 0
    }

    /// The Maildir (holding `tmp/`, `new/` and `cur/`, created on first delivery).
    public let directory: URL
    private let hostname: String
    private let time: TimeSource
    private let random: RandomSource
    private let renderer = MIMERenderer()
    private let state = Locked(State())

    /// A transport writing into the Maildir at `directory` (R-ADP-2). `hostname` ends each file name
    /// (the Maildir convention); `time` and `random` make the unique names (R-ADP-3).
    public init(directory: URL, hostname: String = ProcessInfo.processInfo.hostName,
                time: TimeSource = .system, random: RandomSource = .system) {
        self.directory = directory
        let cleaned = hostname.replacingOccurrences(of: "/", with: "\\057").replacingOccurrences(of: ":", with: "\\072")
        self.hostname = cleaned.isEmpty ? "localhost" : cleaned
        self.time = time
        self.random = random
    }

    /// Writes `message` into `new/` unless a mail with its Message-ID is already there or in `cur/`
    /// (R-ADP-2). File-system failures are temporary errors: the dispatcher tries again.
    public func deliver(_ message: MailMessage) async throws(MailTransportError) {
        try state.withLock { (state: inout State) throws(MailTransportError) in
            try createDirectories()
            _ = try removeStaleFiles()
            let hash = Self.hash(message.messageID)
            if try contains(messageID: message.messageID, hash: hash) { return }
            state.sequence += 1
            let bytes = Array(renderer.data(message))
            var lastError = "no attempt"
            for _ in 0..<5 {
                let name = uniqueName(hash: hash, sequence: state.sequence)
                let tmp = directory.appendingPathComponent("tmp").appendingPathComponent(name)
                switch Self.writeExclusively(bytes, to: tmp.path) {
                case .success:
                    let target = directory.appendingPathComponent("new").appendingPathComponent(name)
                    guard rename(tmp.path, target.path) == 0 else {
                        let reason = Self.lastErrno()
                        _ = unlink(tmp.path)
                        throw MailTransportError(detail: "maildir: cannot move \(name) to new/: \(reason)")
                    }
                    Self.syncDirectory(directory.appendingPathComponent("new").path)
                    return
                case .exists:
                    state.sequence += 1
                    lastError = "\(name) exists"
                case .failure(let reason):
                    throw MailTransportError(detail: "maildir: cannot write \(tmp.path): \(reason)")
                }
            }
            throw MailTransportError(detail: "maildir: no unique file name found (\(lastError))")
        }
    }

    /// How long a file of this transport may stay in `tmp/` before a delivery removes it: 36 hours,
    /// the Maildir rule (R-ADP-2).
    public static let staleTemporaryFileAge: Double = 36 * 3600

    /// Removes this transport's files in `tmp/` (its own names, ending in its host name) not
    /// modified for ``staleTemporaryFileAge`` by the injected clock — partial mails of killed
    /// deliveries — and returns how many it removed (R-ADP-2). Other files are left alone.
    @discardableResult
    public func removeStaleTemporaryFiles() throws(MailTransportError) -> Int {
        try state.withLock { (_: inout State) throws(MailTransportError) -> Int in try removeStaleFiles() }
    }

    private func removeStaleFiles() throws(MailTransportError) -> Int {
        let folder = directory.appendingPathComponent("tmp")
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            if !FileManager.default.fileExists(atPath: folder.path) { return 0 }
            throw MailTransportError(detail: "maildir: cannot list \(folder.path): \(error)")
        }
        let limit = time.now().timeIntervalSince1970 - Self.staleTemporaryFileAge
        var removed = 0
        for name in names where Self.isOwnName(name, hostname: hostname) {
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            #if canImport(Darwin)
            let modified = Double(info.st_mtimespec.tv_sec) + Double(info.st_mtimespec.tv_nsec) / 1e9
            #else
            let modified = Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9
            #endif
            if modified < limit, unlink(path) == 0 { removed += 1 }
        }
        return removed
    }

    /// Whether `name` has this transport's form: `<seconds>.M…P…Q…R…H<hash>.<host>`.
    private static func isOwnName(_ name: String, hostname: String) -> Bool {
        let parts = name.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
        return parts.count == 3 && parts[2] == hostname && !parts[0].isEmpty && parts[0].allSatisfy(\.isNumber)
            && parts[1].hasPrefix("M") && parts[1].contains("H")
    }

    /// The mail files in `new/` and `cur/`, sorted by name (which starts with the delivery time)
    /// (R-ADP-2).
    public func messageFiles() throws(MailTransportError) -> [URL] {
        var files: [URL] = []
        for folder in ["new", "cur"] {
            let url = directory.appendingPathComponent(folder)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            do {
                files += try FileManager.default.contentsOfDirectory(atPath: url.path)
                    .filter { !$0.hasPrefix(".") }
                    .map { url.appendingPathComponent($0) }
            } catch {
                throw MailTransportError(detail: "maildir: cannot list \(url.path): \(error)")
            }
        }
        return files.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// The rendered text of every mail in the Maildir, in ``messageFiles()`` order (R-ADP-2).
    public func renderedMessages() throws(MailTransportError) -> [String] {
        var texts: [String] = []
        for file in try messageFiles() {
            guard let data = FileManager.default.contents(atPath: file.path) else {
                throw MailTransportError(detail: "maildir: cannot read \(file.path)")
            }
            texts.append(String(decoding: data, as: UTF8.self))
        }
        return texts
    }

    // MARK: - Files

    private func createDirectories() throws(MailTransportError) {
        for folder in ["tmp", "new", "cur"] {
            let url = directory.appendingPathComponent(folder)
            do {
                try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                throw MailTransportError(detail: "maildir: cannot create \(url.path): \(error)")
            }
        }
    }

    /// Whether `new/` or `cur/` holds a mail with `messageID`.
    private func contains(messageID: String, hash: String) throws(MailTransportError) -> Bool {
        let header = "Message-ID: " + MIMERenderer.sanitizedMessageID(messageID)
        for file in try messageFiles() {
            let parts = file.lastPathComponent.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count >= 2, parts[1].hasSuffix("H" + hash),
                  let data = FileManager.default.contents(atPath: file.path) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let headers = text.components(separatedBy: "\r\n\r\n").first ?? text
            if headers.components(separatedBy: "\r\n").contains(header) { return true }
        }
        return false
    }

    /// `<seconds>.M<microseconds>P<pid>Q<sequence>R<random>H<hash>.<host>`.
    private func uniqueName(hash: String, sequence: Int) -> String {
        let now = time.now().timeIntervalSince1970
        let seconds = now.isFinite ? Int64(max(min(now, 1e12), 0)) : 0
        let micros = now.isFinite ? Int64(max(min((now - Double(seconds)) * 1_000_000, 999_999), 0)) : 0
        let noise = random.bytes(4).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        return "\(seconds).M\(micros)P\(ProcessInfo.processInfo.processIdentifier)Q\(sequence)R\(noise)H\(hash).\(hostname)"
    }

    private enum WriteResult {
        case success
        case exists
        case failure(String)
    }

    /// Creates `path` (failing if it exists), writes `bytes`, and flushes the file to disk.
    private static func writeExclusively(_ bytes: [UInt8], to path: String) -> WriteResult {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { return errno == EEXIST ? .exists : .failure(lastErrno()) }
        let failure: String? = bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                guard let base = buffer.baseAddress else { break }
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return lastErrno()
                }
                offset += written
            }
            return fsync(descriptor) == 0 ? nil : lastErrno()
        }
        let closed = close(descriptor) == 0
        if let failure {
            _ = unlink(path)
            return .failure(failure)
        }
        guard closed else {
            let reason = lastErrno()
            _ = unlink(path)
            return .failure(reason)
        }
        return .success
    }

    /// Flushes a directory's entries (the rename) to disk; best effort.
    private static func syncDirectory(_ path: String) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { return }
        _ = fsync(descriptor)
        _ = close(descriptor)
    }

    private static func lastErrno() -> String {
        let code = errno
        return "\(String(cString: strerror(code))) (errno \(code))"
    }

    /// FNV-1a 64 of the Message-ID, as 16 hex digits: stable across runs and platforms.
    static func hash(_ messageID: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in messageID.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return String(value, radix: 16).leftPadded(to: 16)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
