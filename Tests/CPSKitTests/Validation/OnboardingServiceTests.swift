import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("Applying for a business account (R-ACC-1…4, R-DOC-5, R-VAL-1, R-VAL-2)")
struct OnboardingServiceTests {
    static let anna = Principal.applicant(try! EmailAddress("anna@ljusbild.example"))

    func draft(_ env: TestEnvironment, _ form: ApplicationForm = Fixtures.swedishForm) async throws -> BusinessAccountApplication {
        try await env.onboarding.createApplication(form, as: .applicant(EmailAddress(form.contactEmail)))
    }

    @Test("R-ACC-1: a checked form becomes a draft with the facts normalised")
    func createsDraft() async throws {
        let env = TestEnvironment()
        let application = try await draft(env)
        #expect(application.id == "application-1")
        #expect(application.status == .draft)
        #expect(application.vatStatus == .registered(try VATNumber("SE556677889901")))
        #expect(application.language == .swedish)
        #expect(application.oldCPSEmail?.address == "anna.lind@old-cps.example")
        #expect(try await env.store.auditTrail(of: application.id).map(\.action) == ["application.created"])
    }

    @Test("R-ACC-1: bad fields are refused with the field named, and nothing is stored", arguments: [
        ("companyName", "", "companyName"),
        ("companyName", String(repeating: "x", count: 201), "companyName"),
        ("companyName", "Foo\u{0007} AB", "companyName"),
        ("contactEmail", "anna@", "contactEmail"),
        ("country", "Sweden", "address.country"),
        ("postalCode", "111;22", "address.postalCode"),
        ("contactName", "  ", "contactName"),
    ])
    func badInput(_ input: String, _ value: String, _ field: String) async throws {
        let env = TestEnvironment()
        var form = Fixtures.swedishForm
        switch input {
        case "companyName": form.companyName = value
        case "contactEmail": form.contactEmail = value
        case "country": form.country = value
        case "postalCode": form.postalCode = value
        default: form.contactName = value
        }
        let error = await #expect(throws: InputError.self) { try await env.onboarding.createApplication(form, as: Self.anna) }
        #expect(error?.field.rawValue == field)
        #expect(try await env.store.fetchAll(BusinessAccountApplication.self).isEmpty)
    }

    @Test("R-VAT-1: a VAT number that fails validation is refused at the form")
    func badVATNumber() async throws {
        var form = Fixtures.swedishForm
        form.vatNumber = "XX12"
        await #expect(throws: VATNumberError.self) { try await TestEnvironment().onboarding.createApplication(form, as: Self.anna) }
    }

    @Test("R-ACC-3: a company outside the participating countries gets a clear refusal")
    func notParticipating() async throws {
        var form = Fixtures.swedishForm
        form.country = "US"
        form.vatNumber = nil
        let error = await #expect(throws: ApplicationError.self) { try await TestEnvironment().onboarding.createApplication(form, as: Self.anna) }
        #expect(error?.reason == .countryNotParticipating)
        #expect(error?.message(in: .swedish) == "Företag i USA kan inte ansöka: CPS erbjuds inte där.")
    }

    @Test("R-ACC-4: a second open application with the same VAT number (GR = EL) or e-mail (any case) is refused")
    func duplicates() async throws {
        // Greece takes part here, so a Greek company may give its GR/EL number (R-ACC-3).
        var policy = CPSPolicy.canonEurope
        policy.participatingCountries.append("GR")
        let env = TestEnvironment(policy: policy)
        let first = try await draft(env)
        var sameVAT = Fixtures.swedishForm
        sameVAT.contactEmail = "other@ljusbild.example"
        sameVAT.vatNumber = "se 5566778899 01"
        let vatError = await #expect(throws: ApplicationError.self) { try await draft(env, sameVAT) }
        #expect(vatError?.reason == .duplicateVATNumber)
        #expect(vatError?.applicationID == nil)   // another company's application is never named
        var sameEmail = Fixtures.swedishForm
        sameEmail.contactEmail = "ANNA@Ljusbild.Example"
        sameEmail.vatNumber = "SE556036079301"
        let emailError = await #expect(throws: ApplicationError.self) { try await draft(env, sameEmail) }
        #expect(emailError?.reason == .duplicateEmail)
        #expect(emailError?.applicationID == first.id)   // the conflict carries the existing application

        var greek = Fixtures.swedishForm
        greek.country = "GR"
        greek.postalCode = "105 57"
        greek.vatNumber = "GR094012834"
        greek.contactEmail = "g1@example.gr"
        _ = try await draft(env, greek)
        greek.vatNumber = "EL094012834"
        greek.contactEmail = "g2@example.gr"
        let greekError = await #expect(throws: ApplicationError.self) { try await draft(env, greek) }
        #expect(greekError?.reason == .duplicateVATNumber)
        #expect(try await env.store.fetchAll(BusinessAccountApplication.self).count == 2)
    }

    @Test("R-ACC-4: two applications with the same VAT number racing → exactly one is stored")
    func duplicateRace() async throws {
        let env = TestEnvironment()
        let results = await withTaskGroup(of: Bool.self) { group in
            for i in 0..<8 {
                group.addTask {
                    var form = Fixtures.swedishForm
                    form.contactEmail = "person\(i)@ljusbild.example"
                    return (try? await env.onboarding.createApplication(form, as: .applicant(EmailAddress(form.contactEmail)))) != nil
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.filter { $0 }.count == 1)
        #expect(try await env.store.fetchAll(BusinessAccountApplication.self).count == 1)
    }

    @Test("R-ACC-5: only the applicant named in the form may create and change it")
    func applicantOnly() async throws {
        let env = TestEnvironment()
        await #expect(throws: AuthorizationError.self) {
            try await env.onboarding.createApplication(Fixtures.swedishForm, as: .applicant(EmailAddress("mallory@example.com")))
        }
        let application = try await draft(env)
        await #expect(throws: AuthorizationError.self) {
            try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "a.pdf", bytes: Fixtures.pdf,
                                                 as: .applicant(EmailAddress("mallory@example.com")))
        }
        await #expect(throws: AuthorizationError.self) {
            try await env.onboarding.submit(application.id, as: TestEnvironment.reviewer)
        }
    }

    @Test("R-DOC-5: a PNG renamed .pdf is stored as PNG; a text file named .pdf is refused and nothing changes")
    func evidenceByContent() async throws {
        let env = TestEnvironment()
        let application = try await draft(env)
        let png = try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "faktura.pdf",
                                                       bytes: Fixtures.png, as: Self.anna)
        #expect(png.mediaType == .png)
        #expect(png.sha256 == SHA256.hexDigest(Fixtures.png))
        let file = try #require(try await env.store.fetch(EvidenceFile.self, id: png.id))
        #expect(file.record.bytes == Fixtures.png)
        let refused = await #expect(throws: FileInspectionError.self) {
            try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "faktura.pdf",
                                                 bytes: Data("just text".utf8), as: Self.anna)
        }
        #expect(refused?.reason == .unsupportedType)
        #expect(try await env.onboarding.application(application.id, as: Self.anna).documents.count == 1)
    }

    @Test("R-VAL-1: submission needs the attestation and at least one file")
    func submissionPreconditions() async throws {
        let env = TestEnvironment()
        var form = Fixtures.swedishForm
        form.attestsAuthority = false
        let unattested = try await draft(env, form)
        try await env.onboarding.addEvidence(to: unattested.id, kind: .companyInvoice, fileName: "a.pdf", bytes: Fixtures.pdf, as: Self.anna)
        let attestation = await #expect(throws: ApplicationError.self) { try await env.onboarding.submit(unattested.id, as: Self.anna) }
        #expect(attestation?.reason == .attestationMissing)

        let env2 = TestEnvironment()
        let empty = try await draft(env2)
        let noFile = await #expect(throws: ApplicationError.self) { try await env2.onboarding.submit(empty.id, as: Self.anna) }
        #expect(noFile?.reason == .noEvidence)
        #expect(try await env2.sentMails().isEmpty)
    }

    @Test("R-VAL-2: submitted on a Friday → decision due by the end of Tuesday; the applicant is mailed the date")
    func fridaySubmission() async throws {
        let env = TestEnvironment(start: "2026-11-27T16:30:00+01:00") // Friday
        let application = try await draft(env)
        try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "a.pdf", bytes: Fixtures.pdf, as: Self.anna)
        let receipt = try await env.onboarding.submit(application.id, as: Self.anna)
        #expect(receipt.deadline.submissionDay == CalendarDay(year: 2026, month: 11, day: 27))
        #expect(receipt.deadline.dueDay == CalendarDay(year: 2026, month: 12, day: 1))
        #expect(receipt.evidence.requirements.first?.status == .awaitingExamination)
        let mail = try #require(try await env.mails("applicationReceived").first)
        #expect(mail.from.email.address == "donotreply@canon-europe.com")
        #expect(mail.language == .swedish)
        #expect(mail.body.contains("tisdag 1 december 2026"))
        #expect(mail.body.contains("Försök inte att återställa lösenordet innan dess"))
    }

    @Test("R-VAL-2: applying the day before Ascension in Sweden counts the national holiday")
    func ascension() async throws {
        let env = TestEnvironment(start: "2026-05-13T09:00:00+02:00") // Wednesday; Ascension Day is Thursday 14 May
        let application = try await draft(env)
        try await env.onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "a.pdf", bytes: Fixtures.pdf, as: Self.anna)
        let receipt = try await env.onboarding.submit(application.id, as: Self.anna)
        #expect(receipt.deadline.dueDay == CalendarDay(year: 2026, month: 5, day: 18)) // Friday 15 (1), Monday 18 (2)
    }

    @Test("R-VAT-2: the registry look-up is made at submission and kept with its time; 'unavailable' never blocks",
          arguments: ["valid", "invalid", "unavailable"])
    func registryLookup(_ answer: String) async throws {
        let env = TestEnvironment()
        let registry = InMemoryVATRegistry()
        let number = try VATNumber("SE556677889901")
        switch answer {
        case "valid": await registry.register(number, name: "LJUSBILD FOTO AB", address: "STORGATAN 12, STOCKHOLM")
        case "invalid": await registry.registerInvalid(number)
        default: await registry.setUnavailable("VIES is down")
        }
        var context = env.context
        context.vatRegistry = registry
        let onboarding = OnboardingService(context)
        let application = try await draft(env)
        try await onboarding.addEvidence(to: application.id, kind: .companyInvoice, fileName: "a.pdf", bytes: Fixtures.pdf, as: Self.anna)
        let receipt = try await onboarding.submit(application.id, as: Self.anna)
        let lookup = try #require(receipt.application.vatLookup)
        #expect(lookup.checkedAt == env.clock.now)
        #expect(lookup.number == number)
        #expect(lookup.countsAsInvalid == (answer == "invalid"))
        #expect(try await env.store.auditTrail(of: application.id).last?.details["vatLookup"] == answer)
        #expect(try await onboarding.application(application.id, as: Self.anna).vatLookup == lookup)
    }
}
