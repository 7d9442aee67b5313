import CPSCLI
import CPSKit
@testable import CPSRules
import Foundation
import Testing

/// R-MSG-1: no message shows an internal identifier. Renders every reason of every error type and
/// every evidence problem in every language, and the examples the issue quoted (issue 15).
@Suite("Messages in the reader's words (R-MSG-1)")
struct MessageWordingTests {
    /// One error to render, with the data inside its message that the checks must not judge: the
    /// reader's own data or catalog data (a model named "imagePROGRAF", a policy path the host wrote).
    struct Sample: CustomStringConvertible {
        let failure: any LocalizedFailure
        var data: [String] = []
        var description: String { "\(failure.code) \(failure.messageArguments)" }
    }

    /// Every example of every error type in the library (R-MSG-1).
    static var samples: [Sample] {
        var samples: [Sample] = []
        func add(_ failures: [any LocalizedFailure]) { samples += failures.map { Sample(failure: $0) } }
        add(VATNumberError.examples)
        add(CalendarError.examples)
        add(PasswordError.examples)
        add(IdentityError.examples)
        add(PaymentGatewayError.examples)
        add(StorageError.examples)
        add(MigrationError.examples)
        add(AuthorizationError.examples)
        add(AccountError.examples)
        add(ApplicationError.examples)
        add(IdempotencyError.examples)
        add(ConflictError.examples)
        add(MembershipError.examples)
        add(InputError.examples)
        add(BillingError.examples)
        add(InvoiceDocumentError.examples)
        add(FileInspectionError.examples)
        add(EvidenceProblem.examples)
        add(MailTransportError.examples)
        samples += CommandError.examples.map { error in
            // Option names, placeholders (ACCOUNT, EMAIL), paths and bytes are the command line's data.
            Sample(failure: error, data: ["--as", "--reviewer", "--role", "--years", "--issued", "--json", "--json=1",
                                          "--data-dir", "--colour", "--lang", "--help", "--view", "CPS_PASSWORD_ITERATIONS", "CPS_NOW",
                                          "ACCOUNT", "EMAIL", "USER-ID", "VALUE", "VÄRDE", "form.json", "/proc/cps", "/proc/cps-data.keys",
                                          "legacy.json", "export.tar", "FILE", "/dev/null/cps-data", "/dev/null", "frobnicate", "frob", "SE 2026-01-01",
                                          "superuser", "cps --help", "YYYY-MM-DDThh:mm:ss[.fff]", "ÅÅÅÅ-MM-DDThh:mm:ss[.fff]",
                                          "2026-11-27T24:00:00+24:00", "2026-11-27T10:00:00+01:00"])
        }
        add(PrivacyError.examples)
        samples += ProductError.examples.map { Sample(failure: $0, data: [$0.facts["model"] ?? ""].filter { !$0.isEmpty }) }
        samples += PolicyError.examples.map { error in
            var data = [error.field, error.value]
            if case let .text(other)? = error.maximum { data.append(other) }
            if case let .text(other)? = error.minimum { data.append(other) }
            return Sample(failure: error, data: data)
        }
        return samples
    }

    /// What is wrong with `message` (empty: nothing). `key` is the catalog key it was rendered from.
    static func problems(in message: String, key: TextKey, data: [String]) -> [String] {
        var text = message
        for value in data.sorted(by: { $0.count > $1.count }) where !value.isEmpty {
            text = text.replacingOccurrences(of: value, with: "…")
        }
        var found: [String] = []
        if message == key.rawValue { found.append("missing text: rendered as its key") }
        if text.contains(key.rawValue) { found.append("contains its key") }
        let checks: [(String, String)] = [
            (#"\b[a-z]+[A-Z][A-Za-z]*\b"#, "camelCase identifier"),
            (#"\b[a-z]+(-[a-z]+)*-[0-9]+\b"#, "record ID"),
            (#"\bR-[A-Z]+-[0-9]+"#, "rule code"),
            (#"\b[a-z]+\.[a-z]+\.[A-Za-z.]+"#, "catalog key"),
            (#"\{[A-Za-z#]"#, "unfilled placeholder"),
        ]
        for (pattern, what) in checks {
            if let range = text.range(of: pattern, options: .regularExpression) {
                found.append("\(what): \(text[range])")
            }
        }
        return found
    }

    @Test("R-MSG-1: every reason of every error type and every evidence problem, in every language, reads without internal identifiers")
    func everyReasonInEveryLanguage() {
        let catalog = TextCatalog.standard
        let samples = Self.samples
        #expect(samples.count > 100)
        for sample in samples {
            for language in catalog.languages {
                let message = sample.failure.message(in: language)
                let problems = Self.problems(in: message, key: sample.failure.textKey, data: sample.data)
                #expect(problems.isEmpty, "\(language) \(sample): \(message) — \(problems)")
                #expect(catalog.template(sample.failure.textKey, in: language) != nil, "\(sample.failure.textKey) in \(language)")
            }
        }
    }

    @Test("R-MSG-1: no text of the catalog — mail, guidance, explanation — carries an identifier in its own words")
    func everyTemplate() {
        let catalog = TextCatalog.standard
        for language in catalog.languages {
            for key in catalog.keys(of: language).sorted() {
                let template = catalog.template(TextKey(key), in: language) ?? ""
                var arguments: [String: MessageArgument] = [:]
                for name in TextCatalogTests.placeholders(template) { arguments[name] = .count(2) }
                let once = catalog.render(TextKey(key), arguments: arguments.mapValues { _ in .count(1) }, in: language)
                let twice = catalog.render(TextKey(key), arguments: arguments, in: language)
                for text in [once, twice] {
                    let problems = Self.problems(in: text, key: TextKey(key), data: Self.templateData)
                    #expect(problems.isEmpty, "\(language) \(key): \(text) — \(problems)")
                }
            }
        }
    }

    @Test("R-MSG-1: the seed's whole journey — explanations, mails, guidance — reads without internal identifiers", arguments: ["sv", "en"])
    func journeyOutput(_ language: String) async {
        let result = await CommandLineTool.run(["walkthrough", "--lang", language])
        #expect(result.status == .success)
        // The applicant's data: the file name they attached, the link with its token.
        let data = ["faktura-2026-11.pdf"]
        for line in result.output.split(separator: "\n") where !line.contains("https://") {
            let problems = Self.problems(in: String(line), key: "walkthrough.output", data: data)
            #expect(problems.isEmpty, "\(line) — \(problems)")
        }
        #expect(result.output.split(separator: "\n").count > 100)
    }

    /// Words in templates that look like identifiers but are names: brand names, command lines.
    static let templateData = ["imagePROGRAF", "donotreply@canon-europe.com"]

    @Test("R-MSG-1: every error type has exactly one example per reason, and codes are unique")
    func examplesAreComplete() {
        #expect(VATNumberError.examples.map(\.reason) == VATNumberError.Reason.allCases)
        #expect(CalendarError.examples.map(\.reason) == CalendarError.Reason.allCases)
        let codes = Self.samples.filter { !($0.failure is EvidenceProblem) && !($0.failure is MembershipError) }.map(\.failure.code)
        #expect(Set(codes).count == codes.count, "a reason with two examples: \(codes)")
        for sample in Self.samples {
            #expect(FailureCategory.all.contains(sample.failure.category))
        }
    }

    @Test("R-MSG-1: the examples the acceptance tests quoted (issue 15) now read in the reader's words")
    func quotedExamples() {
        // "The document document-1 does not clearly show the vatNumber."
        let notVisible = EvidenceProblem(.fieldNotVisible, documentID: "document-1", field: "vatNumber")
        #expect(notVisible.message(in: .english) == "A document does not clearly show the VAT registration number.")
        let named = EvidenceProblem(.fieldNotVisible, documentID: "document-1", fileName: "faktura.pdf", field: "vatNumber")
        #expect(named.message(in: .english) == "\"faktura.pdf\" does not clearly show the VAT registration number.")
        #expect(named.message(in: .swedish) == "”faktura.pdf” visar inte tydligt momsregistreringsnummer.")
        // "…is a vatRegistrationCertificate, which is not accepted here. Accepted: companyInvoice, …"
        let wrongKind = EvidenceProblem(.wrongKind, documentID: "document-1", fileName: "intyg.pdf",
                                        found: "vatRegistrationCertificate",
                                        expected: "companyInvoice, businessLicence, articlesOfAssociation")
        #expect(wrongKind.message(in: .english) == "\"intyg.pdf\" is a VAT registration certificate, which is not accepted here. Accepted: company invoice, business or professional licence or articles of association.")
        #expect(wrongKind.message(in: .swedish) == "”intyg.pdf” är en momsregistreringscertifikat, som inte godtas här. Godtas: företagsfaktura, företags- eller yrkeslicens eller bolagsordning.")
        // "Välj ett annat lösenord (tooShort)"
        let weak = PasswordError(.weakPassword, rules: ["tooShort"], facts: ["minimum": "12", "maximum": "128"])
        #expect(weak.message(in: .swedish) == "Välj ett annat lösenord: använd minst 12 tecken.")
        #expect(weak.message(in: .english) == "Choose another password: use at least 12 characters.")
        // "Företag i US kan inte ansöka"
        let country = ApplicationError(.countryNotParticipating, facts: ["country": "US"])
        #expect(country.message(in: .swedish) == "Företag i USA kan inte ansöka: CPS erbjuds inte där.")
        #expect(country.message(in: .english).hasPrefix("Companies in United States cannot apply"))
        // "1 more points", "2501 required"
        let one = MembershipError(.levelNotOpen, level: .gold, shortfalls: [.points(missing: 1, required: 2_501)])
        #expect(one.message(in: .english) == "Gold is not open to you yet: you need 1 more point (2,501 required).")
        #expect(one.message(in: .swedish) == "Gold är inte öppen för dig ännu: du behöver 1 poäng till (2\u{00A0}501 krävs).")
        let guidance = TextCatalog.standard.render("guidance.step.points.toLevel",
                                                   arguments: ["missing": 1, "level": .term(CPSLevel.gold.textKey), "required": 2_501],
                                                   in: .english)
        #expect(guidance == "1 more point to reach Gold (2,501 points).")
        #expect(TextCatalog.standard.render("guidance.step.application.submit", arguments: ["workingDays": 1], in: .swedish)
                .contains("1 arbetsdag."))
        let many = LevelShortfall.points(missing: 2, required: 2_501)
        #expect(many.text(in: .english) == "2 more points needed (2,501 required).")
        // "SE5566778899" (the org number without 01) was told its characters are not allowed.
        let orgNumber = VATNumberError(.swedishWithout01, input: "SE5566778899")
        #expect((try? VATNumber("SE5566778899")) == nil)
        #expect(orgNumber.message(in: .swedish).contains("SE556677889901"))
        // File sizes: a whole number of MiB, else bytes with their digit groups.
        #expect(FileInspectionError(.tooLarge, byteCount: 12_582_912, limit: 10_485_760).message(in: .english)
                == "The file is too large (12,582,912 bytes): at most 10 MiB.")
        #expect(FileInspectionError(.tooLarge, byteCount: 600_000, limit: 500_000).message(in: .swedish)
                == "Filen är för stor (600\u{00A0}000 byte): högst 500\u{00A0}000 byte.")
        // A locked store's message was half Swedish, half English: the detail stays for logs.
        let locked = StorageError(.locked, detail: "the lock file is held by process 4711")
        #expect(!locked.message(in: .swedish).contains("process 4711"))
        #expect(locked.detail.contains("4711"))
    }

    @Test("R-MSG-1: the checks themselves catch each kind of leak")
    func checksCatchLeaks() {
        let key: TextKey = "evidence.problem.fieldNotVisible"
        #expect(!Self.problems(in: "The document document-1 does not clearly show the vatNumber.", key: key, data: []).isEmpty)
        #expect(!Self.problems(in: "Välj ett annat lösenord (tooShort)", key: key, data: []).isEmpty)
        #expect(!Self.problems(in: "See R-ACC-3.", key: key, data: []).isEmpty)
        #expect(!Self.problems(in: key.rawValue, key: key, data: []).isEmpty)
        #expect(!Self.problems(in: "Hello {name}", key: key, data: []).isEmpty)
        #expect(Self.problems(in: "imagePROGRAF PRO-1000 is registered.", key: key, data: ["imagePROGRAF PRO-1000"]).isEmpty)
    }

    @Test("R-MSG-1: numbers, money and dates follow the language; counts take CLDR plural forms")
    func formatting() {
        let catalog = TextCatalog.standard
        #expect(catalog.format(.count(2_501), in: .swedish) == "2\u{00A0}501")
        #expect(catalog.format(.count(2_501), in: .english) == "2,501")
        #expect(catalog.format(.number(1_234_567), in: .swedish) == "1\u{00A0}234\u{00A0}567")
        #expect(catalog.format(.count(999), in: .english) == "999")
        #expect(catalog.format(.count(-1_000), in: .english) == "-1,000")
        let day = CalendarDay(year: 2026, month: 12, day: 1)!
        #expect(catalog.format(.day(day), in: .swedish) == "1 december 2026")
        #expect(catalog.format(.day(day), in: .english) == "1 December 2026")
        #expect(catalog.format(.list([.text("A"), .text("B"), .text("C")]), in: .swedish) == "A, B och C")
        #expect(catalog.format(.alternatives([.text("A"), .text("B")]), in: .english) == "A or B")
        #expect(catalog.format(.country("GR"), in: .swedish) == "Grekland")
        #expect(catalog.format(.field("address.postalCode"), in: .swedish) == "postnummer")
    }

    @Test("R-MSG-1: CLDR plural categories, so Polish and Czech can be added as tables", arguments: [
        ("en", 0, PluralCategory.other), ("en", 1, .one), ("en", 2, .other),
        ("sv", 1, .one), ("sv", 5, .other),
        ("pl", 1, .one), ("pl", 2, .few), ("pl", 4, .few), ("pl", 5, .many), ("pl", 12, .many), ("pl", 22, .few), ("pl", 25, .many),
        ("cs", 1, .one), ("cs", 2, .few), ("cs", 4, .few), ("cs", 5, .other),
        ("fr", 0, .one), ("fr", 1, .one), ("fr", 2, .other),
    ])
    func pluralCategories(code: String, count: Int, expected: PluralCategory) {
        #expect(PluralCategory.of(count, in: Language(code)) == expected)
    }

    @Test("R-MSG-1: a host's Polish table picks one/few/many, and the context renders with its catalog")
    func addedLanguage() throws {
        let template = "{n, plural, one {# punkt} few {# punkty} many {# punktów} other {# punktu}}"
        let catalog = TextCatalog.standard.adding("pl", texts: ["test.points": template, "vat.error.empty": "Nie podano numeru VAT."])
        let render = { (n: Int) in catalog.render("test.points", arguments: ["n": .count(n)], in: "pl") }
        #expect(render(1) == "1 punkt")
        #expect(render(3) == "3 punkty")
        #expect(render(5) == "5 punktów")
        #expect(render(1_000) == "1\u{00A0}000 punktów")
        let context = try CPSContext(store: InMemoryRecordStore(), identity: InMemoryIdentityProvider(), tokenKeys: .generated(), catalog: catalog)
        #expect(context.message(for: VATNumberError(.empty, input: ""), in: "pl") == "Nie podano numeru VAT.")
        #expect(context.message(for: VATNumberError(.empty, input: ""), in: "de") == "No VAT number was given.")
    }
}
