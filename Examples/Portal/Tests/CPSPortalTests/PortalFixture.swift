import CPSKit
import CPSKitTesting
import CPSPortal
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting

/// A portal on a fresh data directory, with a fixed clock and low-cost password hashing, served on
/// an ephemeral loopback port for each test (R-HOST-2: tests over real HTTP).
final class PortalFixture: Sendable {
    let directory: URL
    let environment: PortalEnvironment
    let portal: Portal

    /// 27 November 2026 10:00 CET, a Friday.
    static let now = Date(timeIntervalSince1970: 1_795_770_000)

    init(devMailbox: Bool = false, trustedProxies: Set<String> = []) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cps-portal-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = PortalConfiguration(port: 0, dataDirectory: directory.appendingPathComponent("data", isDirectory: true),
                                                passwordIterations: 1_000, time: .fixed(Self.now))
        configuration.devMailbox = devMailbox
        configuration.trustedProxies = trustedProxies
        environment = try await PortalEnvironment.open(configuration)
        portal = Portal(environment: environment)
    }

    /// Closes the store and removes the directory when the test is done with the fixture.
    deinit {
        (environment.store as? FileRecordStore)?.close()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `body` with a client of the live server (a browser asking for `language`, if given).
    func run(language: String? = nil, _ body: @escaping @Sendable (Browser) async throws -> Void) async throws {
        try await portal.application().test(.live) { client in
            try await body(Browser(client: client, acceptLanguage: language))
        }
    }

    /// An approved account with a user who has set `password`, made through the library (the API
    /// and cross-account tests start here): company `company`, contact `email`, VAT number `vat`.
    func approvedAccount(company: String = "Ljusbild Foto AB", email: String = "anna@ljusbild.example",
                         vat: String = "SE556677889901", password: String = "Ljus-och-bild-2026") async throws -> BusinessAccount.ID {
        let services = environment.services
        let form = ApplicationForm(companyName: company, street: "Storgatan 12", postalCode: "111 22", city: "Stockholm", country: "SE",
                                   vatNumber: vat, contactName: "Anna Lind", contactEmail: email, contactLanguage: "sv",
                                   applicantRole: "VD", attestsAuthority: true)
        let applicant = Principal.applicant(try EmailAddress(email))
        let application = try await services.onboarding.createApplication(form, as: applicant)
        let document = try await services.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "faktura.pdf",
                                                                 bytes: Data("%PDF-1.4\n%%EOF\n".utf8), as: applicant)
        _ = try await services.onboarding.submit(application.id, as: applicant)
        let reviewer: Reviewer
        if let existing = try await services.reviewers.list(as: .system("test")).first {
            reviewer = existing
        } else {
            reviewer = try await services.reviewers.add(name: "Rita", email: "rita@canon-europe.example", as: .system("admin"))
        }
        _ = try await services.review.recordVisibleFields(VisibleFields(companyName: company, vatNumber: vat), on: document.id,
                                                          of: application.id, as: .reviewer(reviewer.id))
        let approval = try await services.review.approve(application.id, as: .reviewer(reviewer.id))
        guard let token = try await passwordToken(for: email) else { throw PortalTestError("no password link for \(email)") }
        _ = try await services.passwords.setPassword(token: token, newPassword: password)
        return approval.account.id
    }

    /// Delivers the outbox (the mail-dispatch job) and returns the last password link's token for `email`.
    func passwordToken(for email: String) async throws -> String? {
        _ = try await environment.services.mailDispatcher?.dispatchPending()
        let new = environment.configuration.mailDirectory.appendingPathComponent("new", isDirectory: true)
        let files = try FileManager.default.contentsOfDirectory(at: new, includingPropertiesForKeys: nil).sorted { $0.path < $1.path }
        var token: String?
        for file in files {
            let text = QuotedPrintable.decode(String(decoding: try Data(contentsOf: file), as: UTF8.self))
            guard text.contains("To: \(email)") || text.contains("<\(email)>") else { continue }
            if let range = text.range(of: "set-password?token=") {
                token = String(text[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." || $0 == "~" })
            }
        }
        return token
    }
}

/// Quoted-printable decoding (RFC 2045) of a whole message, for reading links in delivered mail.
enum QuotedPrintable {
    static func decode(_ text: String) -> String {
        let unfolded = text.replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=\n", with: "")
        var bytes: [UInt8] = []
        var iterator = Array(unfolded.utf8).makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "=") else { bytes.append(byte); continue }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { bytes.append(byte); continue }
            bytes.append(value)
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A test could not set up its world.
struct PortalTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
