@testable import CPSCLI
import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// Issue 15 item 4: bad input found from outside through `cps`. Each case is refused with a typed
/// error and its documented exit code (Documentation/CommandLine.md), and changes nothing.
@Suite("cps refuses bad input from outside (R-CAL-1, R-VAL-2, R-DOC-1…3, R-ACC-1, R-ADP-1)")
struct BadInputCommandsTests {
    // MARK: - workdays (R-VAL-2, R-CAL-1)

    @Test("R-VAL-2: a count of working days beyond ±100000 (Int.min too) is a usage error, never a trap",
          arguments: ["-9223372036854775808", "9223372036854775807", "-9223372036854775809",
                      "99999999999999999999", "100001", "-100001"])
    func workdaysCountOutOfRange(_ count: String) async {
        let result = await CommandLineTool.run(["workdays", "SE", "2026-01-01", count])
        #expect(result.status == .usage)
        #expect(result.errorOutput.contains("too many"))
        let batch = await CommandLineTool.run(["workdays", "--batch"], input: ["SE 2026-01-01 \(count)"])
        #expect(batch.status == .usage)
        #expect(batch.output.isEmpty)
    }

    @Test("R-VAL-2: 100000 working days either way is the last count accepted")
    func workdaysLimit() async throws {
        let germany = BusinessCalendars().calendar(for: "DE")
        let start = try #require(CalendarDay(iso: "2026-01-01"))
        for count in [100_000, -100_000, 2] {
            let result = await CommandLineTool.run(["workdays", "DE", "2026-01-01", count == 2 ? "+2" : String(count)])
            #expect(result.status == .success)
            #expect(result.output == germany.adding(workingDays: count, to: start).description + "\n")
        }
        #expect(await CommandLineTool.run(["workdays", "DE", "2026-01-01", "2x"]).status == .usage)
        #expect(await CommandLineTool.run(["workdays", "DE", "2026-01-01", "-"]).status == .usage)
    }

    @Test("R-CAL-1: workdays never prints a year outside 0001–9999",
          arguments: [("9999-12-01", "100"), ("9999-12-31", "1"), ("0001-01-03", "-1000"), ("0001-01-01", "-1")])
    func workdaysYearsOutOfRange(_ start: String, _ count: String) async {
        let result = await CommandLineTool.run(["workdays", "SE", start, count])
        #expect(result.status == .usage)
        #expect(result.output.isEmpty)
        #expect(result.errorOutput.contains("0001–9999"))
        let swedish = await CommandLineTool.run(["workdays", "SE", start, count, "--lang", "sv"])
        #expect(swedish.errorOutput.contains("utanför åren 0001–9999"))
    }

    @Test("R-CAL-1: the day arithmetic stays within 0001-01-01…9999-12-31 without an overflow")
    func calendarBounds() throws {
        #expect(CalendarDay.earliest == CalendarDay(year: 1, month: 1, day: 1))
        #expect(CalendarDay.latest == CalendarDay(year: 9999, month: 12, day: 31))
        #expect(CalendarDay.earliest.daysSinceEpoch == -719_162)
        #expect(CalendarDay.latest.daysSinceEpoch == 2_932_896)
        let day = try #require(CalendarDay(iso: "2026-11-27"))
        #expect(day.adding(days: .max) == .latest)
        #expect(day.adding(days: .min) == .earliest)
        #expect(CalendarDay.latest.adding(days: 1) == .latest)
        #expect(CalendarDay.latest.adding(days: -1) == CalendarDay(year: 9999, month: 12, day: 30))
        #expect(CalendarDay(daysSinceEpoch: .max) == .latest)
        #expect(CalendarDay(daysSinceEpoch: .min) == .earliest)
        let weekends = WeekendCalendar()
        #expect(weekends.adding(workingDays: .min, to: try #require(CalendarDay(iso: "0005-03-01"))) == .earliest)
        #expect(weekends.adding(workingDays: .max, to: try #require(CalendarDay(iso: "9995-03-01"))) == .latest)
        #expect(try weekends.checkedAdding(workingDays: 2, to: day) == CalendarDay(iso: "2026-12-01"))
        #expect(try weekends.checkedAdding(workingDays: 0, to: .latest) == .latest)
        let overflow = #expect(throws: CalendarError.self) { try weekends.checkedAdding(workingDays: .min, to: day) }
        #expect(overflow?.reason == .countOutOfRange)
        #expect(overflow?.known == ["100000"])
        let beyond = #expect(throws: CalendarError.self) { try weekends.checkedAdding(workingDays: 1, to: .latest) }
        #expect(beyond?.reason == .dateOutOfRange)
        #expect(throws: CalendarError.self) { try weekends.checkedAdding(workingDays: 11, to: day, limit: 10) }
        #expect(try weekends.checkedAdding(workingDays: -10, to: day, limit: 10) == CalendarDay(iso: "2026-11-13"))
    }

    // MARK: - evidence kinds (R-DOC-1…3)

    @Test("R-DOC-1…3: evidence add refuses a kind the policy does not know (65), stores nothing, and submit still finds no evidence",
          arguments: ["", "nope", String(repeating: "k", count: 128 * 1024), "\u{202E}companyInvoice", "company\nInvoice",
                      "companyinvoice", "companyInvoice "])
    func unknownEvidenceKind(_ kind: String) async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (environment, id, pdf) = try await Self.draft(in: directory)
        let added = await CommandLineTool.run(["evidence", "add", id, kind, pdf.path, "--as", Self.anna, "--json"],
                                              environment: environment)
        #expect(added.status == .refused)
        let report = try Self.object(added.output)
        #expect(report["code"] as? String == "application.unknownEvidenceKind")
        let message = try #require(report["message"] as? String)
        #expect(message.count < 400)
        #expect(!message.contains("\n") && !message.contains("\u{202E}"))
        #expect(message.contains("company invoice"))
        let submitted = await CommandLineTool.run(["submit", id, "--as", Self.anna, "--json"], environment: environment)
        #expect(submitted.status == .refused)
        #expect(try Self.object(submitted.output)["code"] as? String == "application.noEvidence")
    }

    @Test("R-DOC-1…3: a kind that is not valid UTF-8 is a usage error (64) before anything runs")
    func evidenceKindNotUTF8() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let (environment, id, pdf) = try await Self.draft(in: directory)
        let raw: [[UInt8]] = [Array("evidence".utf8), Array("add".utf8), Array(id.utf8), Array("company".utf8) + [0xC3, 0x28],
                              Array(pdf.path.utf8), Array("--as".utf8), Array(Self.anna.utf8)]
        let result = await CommandLineTool.run(rawArguments: raw, environment: environment)
        #expect(result.status == .usage)
        #expect(result.errorOutput.contains("Argument 4 is not valid UTF-8"))
        #expect(result.errorOutput.contains("C3 28"))
        let shown = await CommandLineTool.run(["evidence", "show", id, "--as", Self.anna, "--json"], environment: environment)
        #expect(!shown.output.contains("satisfied\" : true"))
        let submitted = await CommandLineTool.run(["submit", id, "--as", Self.anna, "--json"], environment: environment)
        #expect(try Self.object(submitted.output)["code"] as? String == "application.noEvidence")
    }

    @Test("R-DOC-1…3: an application holding a document of a kind the policy no longer knows cannot be submitted")
    func submitRefusesUnknownKind() async throws {
        var wider = CPSPolicy.canonEurope
        wider.evidence.editions["SE"]?.notVATRegistered.accepted.append(AcceptedDocument("chamberExtract"))
        #expect(wider.evidence.knownKinds.contains("chamberExtract"))
        #expect(CPSPolicy.canonEurope.evidence.knownKinds == EvidenceKind.predefined)
        let before = TestEnvironment(policy: wider)
        let applicant = Principal.applicant(try EmailAddress(Self.anna))
        let application = try await before.onboarding.createApplication(Fixtures.swedishForm, as: applicant)
        _ = try await before.onboarding.addEvidence(to: application.id, kind: "chamberExtract", fileName: "extract.pdf",
                                                    bytes: Fixtures.pdf, as: applicant)
        let after = TestEnvironment(store: before.store, ids: .incrementing(tag: "b"))
        let error = await #expect(throws: ApplicationError.self) { try await after.onboarding.submit(application.id, as: applicant) }
        #expect(error?.reason == .unknownEvidenceKind)
        #expect(error?.facts["kind"] == "chamberExtract")
        #expect(try await after.onboarding.application(application.id, as: applicant).status == .draft)
        let refused = await #expect(throws: ApplicationError.self) {
            try await after.onboarding.addEvidence(to: application.id, kind: "chamberExtract", fileName: "again.pdf",
                                                   bytes: Fixtures.pdf, as: applicant)
        }
        #expect(refused?.reason == .unknownEvidenceKind)
        #expect(try await after.onboarding.application(application.id, as: applicant).documents.count == 1)
    }

    // MARK: - users add --language (R-MSG-1, R-ACC-5)

    @Test("R-ACC-5: a user's language must be one of the catalog's; nothing is stored otherwise",
          arguments: ["", "x", "../../etc", "sv\r\nBcc: eve@evil.example", "de", "\u{202E}sv"])
    func unsupportedLanguage(_ code: String) async throws {
        let env = TestEnvironment()
        let active = try await env.activeAccount()
        let error = await #expect(throws: InputError.self) {
            try await env.accounts.addUser(to: active.account.id, name: "Bo Berg", email: "bo@ljusbild.example",
                                           language: Language(code), as: active.principal)
        }
        #expect(error?.reason == .unsupportedLanguage)
        #expect(error?.limit == "en, sv")
        #expect(error?.value.contains("\r") == false && error?.value.contains("\n") == false)
        #expect(try await env.accounts.users(of: active.account.id, as: active.principal).count == 1)
        let added = try await env.accounts.addUser(to: active.account.id, name: "Bo Berg", email: "bo@ljusbild.example",
                                                   language: Language("SV-se"), as: active.principal)
        #expect(added.language == .swedish)
    }

    // MARK: - invalid UTF-8 and the command line

    @Test("Invalid UTF-8 in any argument is a usage error naming it; valid arguments decode unchanged")
    func argumentsNotUTF8() async throws {
        #expect(try CommandLineTool.decode([Array("Åsa".utf8), []]) == ["Åsa", ""])
        for bad: [UInt8] in [[0xFF], [0x41, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE2, 0x82]] {
            let error = #expect(throws: CommandError.self) { try CommandLineTool.decode([Array("ok".utf8), bad]) }
            #expect(error?.reason == .argumentNotUTF8)
            #expect(error?.message(in: .english).contains("Argument 2 is not valid UTF-8") == true)
        }
        let review = await CommandLineTool.run(rawArguments: [Array("review".utf8), Array("info".utf8), Array("application-1".utf8),
                                                              [0x48, 0xFF, 0x69], Array("--reviewer".utf8), Array("r1".utf8)])
        #expect(review.status == .usage)
    }

    @Test("Issue 15 item 4: a line of standard input that is not UTF-8 is a usage error for vat and workdays --batch, never repaired")
    func standardInputNotUTF8() async {
        let bad: [UInt8] = [0x53, 0x45, 0xC3, 0x28]   // "SE" then a broken two-byte sequence
        let vat = await CommandLineTool.run(["vat"], rawInput: [Array("GB002425728".utf8), bad])
        #expect(vat.status == .usage)
        #expect(vat.output.isEmpty)
        #expect(vat.errorOutput.contains("Line 2 of the standard input is not valid UTF-8 text (bytes 53 45 C3 28)"))
        #expect(!vat.errorOutput.contains("\u{FFFD}"))
        let batch = await CommandLineTool.run(["workdays", "--batch", "--lang", "sv"], rawInput: [bad])
        #expect(batch.status == .usage)
        #expect(batch.errorOutput.contains("Rad 1 av standard input är inte giltig UTF-8-text"))
        let good = await CommandLineTool.run(["vat"], rawInput: [Array("GB002425728".utf8)])
        #expect(good.status == .success)
    }

    @Test("R-MSG-1: the tool's own usage errors are in the reader's language")
    func usageErrorsLocalized() async {
        let swedish = await CommandLineTool.run(["users", "list", "--lang", "sv", "--colour"])
        #expect(swedish.status == .usage)
        #expect(swedish.errorOutput.contains("Okänt alternativ --colour."))
        #expect(swedish.errorOutput.contains("Kör `cps users --help`"))
        let english = await CommandLineTool.run(["users", "list", "--colour"])
        #expect(english.errorOutput.contains("Unknown option --colour."))
        let unknown = await CommandLineTool.run(["frobnicate"], environment: ["CPS_LANG": "sv"])
        #expect(unknown.status == .usage)
        #expect(unknown.errorOutput.contains("Det finns inget kommando \"frobnicate\""))
        let role = await CommandLineTool.run(["users", "add", "account-1", "Bo", "bo@x.example", "--role", "boss", "--as", "user-1", "--lang", "sv"],
                                             environment: ["CPS_DATA_DIR": FileManager.default.temporaryDirectory
                                                 .appendingPathComponent("cps-role-\(UUID().uuidString)").path])
        #expect(role.errorOutput.contains("--role är user eller superuser."), "\(role.errorOutput)")
    }

    @Test("Policy, form and legacy-directory bytes that are not UTF-8 are refused, never repaired")
    func dataNotUTF8() async throws {
        let policy = Data(#"{"name": "Canon "#.utf8) + Data([0xFF]) + Data(#""}"#.utf8)
        let error = #expect(throws: PolicyError.self) { try CPSPolicy.load(json: policy) }
        #expect(error?.reason == .notJSON)
        #expect(error?.detail.contains("UTF-8") == true)
        #expect(try CPSPolicy.load(json: Data(#"{"name": "Canon Åland"}"#.utf8)).name == "Canon Åland")
        #expect(throws: CommandError.self) { try CLIContext.decodeLegacyAccounts(Data([0x5B, 0x22, 0xFF, 0x22, 0x5D])) }
        #expect(try CLIContext.decodeLegacyAccounts(Data("[]".utf8)).isEmpty)

        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ["CPS_DATA_DIR": directory.appendingPathComponent("data").path]
        var form = try JSONEncoder().encode(Fixtures.swedishForm)
        let name = try #require(form.range(of: Data("Ljusbild".utf8)))
        form.replaceSubrange(name, with: Data([0x4C, 0xFF, 0x73]))
        let file = directory.appendingPathComponent("form.json")
        try form.write(to: file)
        let applied = await CommandLineTool.run(["apply", file.path], environment: environment)
        #expect(applied.status == .usage)
        #expect(applied.errorOutput.contains("not valid UTF-8"))
        _ = await CommandLineTool.run(["reviewers", "add", "rita@canon-europe.example", "Rita"], environment: environment)
        let listed = await CommandLineTool.run(["review", "queue", "--reviewer", "rita@canon-europe.example", "--json"],
                                               environment: environment)
        #expect(listed.output.filter { !$0.isWhitespace } == "[]")

        try FileManager.default.createDirectory(at: directory.appendingPathComponent("data"), withIntermediateDirectories: true)
        try Data([0x5B, 0xFF, 0x5D]).write(to: directory.appendingPathComponent("data/legacy-cps.json"))
        let legacy = await CommandLineTool.run(["mails"], environment: environment)
        #expect(legacy.status == .failure)
        #expect(legacy.errorOutput.contains("not valid UTF-8"))
    }

    @Test("A valued option never takes the next option as its value; --name=VALUE does",
          arguments: [["review", "queue", "--reviewer", "--data-dir", "/tmp/x"], ["mails", "--to", "--json"],
                      ["users", "list", "account-1", "--as", "--json"]])
    func valuedOptionSwallowsOption(_ arguments: [String]) async {
        let result = await CommandLineTool.run(arguments)
        #expect(result.status == .usage)
        #expect(result.errorOutput.contains("needs a value, found the option"))
    }

    @Test("--reviewer=--odd passes a value that starts with --; -- ends the options")
    func valueStartingWithDashes() throws {
        let parsed = try Arguments(["--reviewer=--odd", "--", "--json"], valued: ["--reviewer"])
        #expect(parsed.option("--reviewer") == "--odd")
        #expect(parsed.all == ["--json"])
        #expect(!parsed.flag("--json"))
        let dash = try Arguments(["--reviewer", "-", "--dealer", "--"], valued: ["--reviewer", "--dealer"])
        #expect(dash.option("--reviewer") == "-")
        #expect(dash.option("--dealer") == "--")
    }

    @Test("An option that takes no value given one (--json=1) is a usage error", arguments: ["--json=1", "--json=", "--help=yes", "--all=1"])
    func flagWithValue(_ flag: String) async {
        let result = await CommandLineTool.run(["vat", "SE556677889901", flag])
        #expect(result.status == .usage)
        #expect(result.errorOutput.contains("takes no value"))
        #expect(result.output.isEmpty)
    }

    @Test("--data-dir \"\" is a usage error, not the current directory; an empty CPS_DATA_DIR counts as unset")
    func emptyDataDirectory() async throws {
        let here = FileManager.default.currentDirectoryPath
        let storeHere = FileManager.default.fileExists(atPath: here + "/store")
        let result = await CommandLineTool.run(["mails", "--data-dir", ""])
        #expect(result.status == .usage)
        #expect(result.errorOutput.contains("--data-dir needs a path"))
        #expect(await CommandLineTool.run(["mails", "--data-dir="]).status == .usage)
        #expect(FileManager.default.fileExists(atPath: here + "/store") == storeHere)
    }

    @Test("CPS_NOW: every field is range-checked; +24:00 is refused, not read as +02:00",
          arguments: ["2026-11-27T10:00:00+24:00", "2026-11-27T10:00:00+01:60", "2026-11-27T24:00:00Z", "2026-11-27T10:60:00Z",
                      "2026-11-27T10:00:60Z", "2026-02-30T10:00:00Z", "2026-11-27T10:00:00", "2026-11-27T10:00:00+0100",
                      "2026-11-27T10:00:00.Z", "2026-11-27 10:00:00Z", "2026-11-27T10:00:00+01:00x", "10000-01-01T00:00:00Z"])
    func clockRefused(_ value: String) async throws {
        #expect(CLIContext.instant(value) == nil)
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = await CommandLineTool.run(["mails"], environment: ["CPS_DATA_DIR": directory.path, "CPS_NOW": value])
        #expect(result.status == .usage)
        #expect(result.errorOutput.contains("CPS_NOW"))
    }

    @Test("CPS_NOW: offsets, Z and fractions give the instant they name",
          arguments: ["2026-11-27T10:00:00+01:00", "2026-11-27T09:00:00Z", "2026-11-27T09:00:00.250Z", "2026-11-27T23:59:59+23:59",
                      "2026-11-26T09:01:00-23:59"])
    func clockAccepted(_ value: String) throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = value.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        let expected = try #require(formatter.date(from: value))
        let parsed = try #require(CLIContext.instant(value))
        #expect(abs(parsed.timeIntervalSince(expected)) < 0.001)
        #expect(CLIContext.instant("2026-11-27T10:00:00+01:00") == CLIContext.instant("2026-11-27T09:00:00Z"))
        #expect(CLIContext.instant("2026-11-27T10:00:00+24:00") == nil)
        let first = try #require(CLIContext.instant("0001-01-01T00:00:00Z")).timeIntervalSince1970
        #expect(abs(first - Double(-719_162 * 86_400)) < 0.001)
        let last = try #require(CLIContext.instant("9999-12-31T23:59:59-01:00")).timeIntervalSince1970
        #expect(abs(last - Double(2_932_897 * 86_400 - 1 + 3600)) < 0.001)
    }

    @Test("R-ADP-1: a data directory that is a file or under one is reported as not a directory (74)",
          arguments: ["/dev/null", "/dev/null/cps"])
    func dataDirectoryNotADirectory(_ path: String) async {
        let result = await CommandLineTool.run(["mails", "--data-dir", path])
        #expect(result.status == .failure)
        #expect(result.errorOutput.contains("/dev/null is not a directory"))
        #expect(!result.errorOutput.lowercased().contains("permission"))
    }

    @Test("R-ADP-1: a store file whose format version is 0 is damaged, not from a newer CPSKit (74)")
    func formatVersionZero() async throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(await CommandLineTool.run(["mails"], environment: ["CPS_DATA_DIR": directory.path]).status == .success)
        let journal = directory.appendingPathComponent("store/journal")
        var bytes = try Data(contentsOf: journal)
        bytes.replaceSubrange(8..<12, with: [0, 0, 0, 0])
        try bytes.write(to: journal)
        let opened = await #expect(throws: StorageError.self) {
            try await FileRecordStore.open(directory: directory.appendingPathComponent("store"))
        }
        #expect(opened?.reason == .corrupt)
        let result = await CommandLineTool.run(["mails"], environment: ["CPS_DATA_DIR": directory.path])
        #expect(result.status == .failure)
        #expect(result.errorOutput.contains("damaged"))
        #expect(!result.errorOutput.contains("newer"))
        bytes.replaceSubrange(8..<12, with: [99, 0, 0, 0])
        try bytes.write(to: journal)
        let newer = await #expect(throws: StorageError.self) {
            try await FileRecordStore.open(directory: directory.appendingPathComponent("store"))
        }
        #expect(newer?.reason == .unsupportedVersion)
    }

    @Test("cps vat -h is help; cps vat -- -h checks \"-h\"")
    func vatShortHelp() async {
        let help = await CommandLineTool.run(["vat", "-h"])
        #expect(help.status == .success)
        #expect(help.output.hasPrefix("Usage: cps vat"))
        let checked = await CommandLineTool.run(["vat", "--", "-h"])
        #expect(checked.output.hasPrefix("invalid "))
        #expect(await CommandLineTool.run(["workdays", "-h"]).output.hasPrefix("Usage: cps workdays"))
    }

    // MARK: - Support

    static let anna = "anna@ljusbild.example"

    /// A data directory with one draft application of the seed's form and a PDF beside it.
    static func draft(in directory: URL) async throws -> ([String: String], String, URL) {
        let environment = ["CPS_DATA_DIR": directory.appendingPathComponent("data").path, "CPS_NOW": "2026-11-27T10:00:00+01:00"]
        let form = directory.appendingPathComponent("form.json")
        try JSONEncoder().encode(Fixtures.swedishForm).write(to: form)
        let pdf = directory.appendingPathComponent("invoice.pdf")
        try Fixtures.pdf.write(to: pdf)
        let applied = await CommandLineTool.run(["apply", form.path, "--json"], environment: environment)
        let id = try #require(try object(applied.output)["id"] as? String)
        return (environment, id, pdf)
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cps-bad-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
