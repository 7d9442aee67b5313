@testable import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Export of personal data (R-GDPR-1)")
struct PrivacyExportTests {
    /// The files of a ustar archive, checking each header's checksum and magic.
    static func untar(_ data: Data) throws -> [(String, Data)] {
        let bytes = [UInt8](data)
        var files: [(String, Data)] = []
        var offset = 0
        while offset + 512 <= bytes.count {
            let header = Array(bytes[offset..<offset + 512])
            if header.allSatisfy({ $0 == 0 }) { break }
            let name = String(decoding: header[0..<100].prefix { $0 != 0 }, as: UTF8.self)
            #expect(String(decoding: header[257..<262], as: UTF8.self) == "ustar", "\(name)")
            let sizeText = String(decoding: header[124..<135], as: UTF8.self)
            let size = try #require(Int(sizeText, radix: 8), "size of \(name)")
            let stored = try #require(Int(String(decoding: header[148..<154], as: UTF8.self), radix: 8))
            var blank = header
            for index in 148..<156 { blank[index] = 32 }
            #expect(blank.reduce(0) { $0 + Int($1) } == stored, "checksum of \(name)")
            files.append((name, Data(bytes[offset + 512..<offset + 512 + size])))
            offset += 512 + (size + 511) / 512 * 512
        }
        return files
    }

    @Test("R-GDPR-1: an account's export holds its records, evidence, mails without links and audit; never a credential, token or key")
    func accountExport() async throws {
        let env = TestEnvironment()
        let outcome = try await SampleJourney.run(in: env)
        let account = outcome.cardAccount
        let export = try await env.services.privacy.exportAccount(account.account.id, as: account.principal)
        let files = try Self.untar(try export.archive())
        #expect(files.first?.0 == "manifest.json")
        let manifest = try JSONDecoder.iso.decode(PrivacyExportManifest.self, from: try #require(files.first?.1))
        #expect(manifest == export.manifest && manifest.format == "cps-privacy-export/1" && manifest.subjectKind == "account")
        #expect(files.dropFirst().map(\.0) == manifest.files.map(\.path))
        for (file, (_, data)) in zip(manifest.files, files.dropFirst()) {
            #expect(file.sha256 == SHA256.hexDigest(data) && file.bytes == data.count, "\(file.path)")
        }
        let kinds = Set(manifest.files.map(\.kind))
        for kind in [BusinessAccount.kind, BusinessAccountApplication.kind, AccountUser.kind, EvidenceFile.kind, OutboxMail.kind,
                     AuditEntry.kind, ProductRegistration.kind, Invoice.kind, Membership.kind, LedgerEntry.kind] {
            #expect(kinds.contains(kind), "no \(kind) in the export")
        }
        for kind in [IdentityCredential.kind, PasswordToken.kind, AuditChainHead.kind, PasswordResetRequest.kind] {
            #expect(!kinds.contains(kind), "\(kind) exported")
        }
        #expect(manifest.files.contains { $0.category == "audit" && $0.id == account.account.id.rawValue })
        // No other account's data.
        let everything = files.map { String(decoding: $0.1, as: UTF8.self) }.joined(separator: "\n")
        #expect(!everything.contains(outcome.bankAccount.superuser.email.address))
        // No password hash, no token nonce, no key, no link.
        #expect(!everything.contains("$pbkdf2"))
        for token in try await env.store.fetchAll(PasswordToken.self) {
            if let nonce = token.record.nonce { #expect(!everything.contains(nonce)) }
        }
        for line in env.tokenKeys.text.split(separator: "\n") {
            #expect(!everything.contains(String(line.split(separator: " ").last ?? "")))
        }
        let mails = files.filter { $0.0.hasPrefix("mails/") }.map { String(decoding: $0.1, as: UTF8.self) }
        #expect(!mails.isEmpty)
        for mail in mails { #expect(!mail.contains("http://") && !mail.contains("https://"), "\(mail)") }
        let evidence = try #require(files.first { $0.0.hasPrefix("evidence/") })
        #expect(evidence.1 == Fixtures.pdf && evidence.0.hasSuffix(".pdf"))
    }

    @Test("R-GDPR-1: an applicant's export by e-mail: the application, its evidence, the mails to the address, the audit")
    func applicantExport() async throws {
        let env = TestEnvironment()
        let form = Fixtures.swedishForm
        let email = try EmailAddress(form.contactEmail)
        let applicant = Principal.applicant(email)
        let application = try await env.onboarding.createApplication(form, as: applicant)
        _ = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "a.pdf", bytes: Fixtures.pdf, as: applicant)
        _ = try await env.onboarding.submit(application.id, as: applicant)
        let export = try await env.services.privacy.exportApplicant(email: email, as: applicant)
        let paths = export.manifest.files.map(\.path)
        #expect(paths.contains("records/application/\(application.id).json"))
        #expect(paths.contains("audit/\(application.id).json"))
        #expect(paths.contains { $0.hasPrefix("evidence/") })
        #expect(paths.contains { $0.hasPrefix("mails/") })
        #expect(export.manifest.subjectKind == "applicant" && export.manifest.subject == email.address)
        #expect(try await env.services.privacy.exportApplicant(email: email, as: TestEnvironment.reviewer).manifest == export.manifest)
        await #expect(throws: AuthorizationError.self) {
            try await env.services.privacy.exportApplicant(email: email, as: .applicant(try EmailAddress("bo@brev.example")))
        }
        await #expect(throws: PrivacyError(.nothingToExport, facts: ["subject": "nobody@example.com"])) {
            try await env.services.privacy.exportApplicant(email: try EmailAddress("nobody@example.com"), as: TestEnvironment.reviewer)
        }
        await #expect(throws: PrivacyError.self) {
            try await env.services.privacy.exportAccount("account-404", as: .system("host"))
        }
    }

    @Test("R-GDPR-1: links are removed from mail bodies; IDs become safe file names")
    func helpers() {
        #expect(PrivacyExporter.withoutLinks("Klicka https://portal.example/set?token=abc. Tack") == "Klicka [link removed]. Tack")
        #expect(PrivacyExporter.safe("../etc/passwd") == ".._etc_passwd")
    }
}

extension JSONDecoder {
    /// ISO 8601 dates, as the export writes them.
    static var iso: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
