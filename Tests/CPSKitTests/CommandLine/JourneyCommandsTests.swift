import CPSCLI
import CPSKit
import CPSKitTesting
import Foundation
import Testing

@Suite("cps journey commands over the file store (R-GUIDE-1, R-ADP-1)")
struct JourneyCommandsTests {
    @Test("apply, duplicate (65), usage (64), evidence, submit and next steps in Swedish, state kept across runs")
    func applicationJourney() async throws {
        let directory = try Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(atPath: directory.path + ".keys") // the tool's key file beside it
        }
        let environment = ["CPS_DATA_DIR": directory.path, "CPS_NOW": "2026-11-27T10:00:00+01:00"]
        let form = directory.appendingPathComponent("form.json")
        try JSONEncoder().encode(Fixtures.swedishForm).write(to: form)
        let pdf = directory.appendingPathComponent("invoice.pdf")
        try Fixtures.pdf.write(to: pdf)

        let applied = await CommandLineTool.run(["apply", form.path, "--json"], environment: environment)
        #expect(applied.status == .success)
        let application = try Self.object(applied.output)
        let id = try #require(application["id"] as? String)
        #expect(application["status"] as? String == "draft")

        let duplicate = await CommandLineTool.run(["apply", form.path, "--json"], environment: environment)
        #expect(duplicate.status == .refused)
        #expect((try Self.object(duplicate.output)["code"] as? String)?.hasPrefix("application.duplicate") == true)
        #expect(await CommandLineTool.run(["apply", form.path, "--nope"], environment: environment).status == .usage)
        #expect(await CommandLineTool.run(["submit", id], environment: environment).status == .usage)

        let evidence = await CommandLineTool.run(["evidence", "add", id, "companyInvoice", pdf.path, "--as", "anna@ljusbild.example"],
                                              environment: environment)
        #expect(evidence.status == .success)
        let submitted = await CommandLineTool.run(["submit", id, "--as", "anna@ljusbild.example", "--json"], environment: environment)
        #expect(try Self.object(submitted.output)["dueDay"] as? String == "2026-12-01")

        let steps = await CommandLineTool.run(["next-steps", id, "--as", "anna@ljusbild.example", "--lang", "sv"],
                                              environment: environment)
        #expect(steps.status == .success)
        #expect(steps.output.contains("application.awaitValidation: Vänta tills vi har validerat"))
        #expect(steps.output.contains("tisdag 1 december 2026"))
        #expect(steps.output.contains("password.doNotResetYet"))

        let added = await CommandLineTool.run(["reviewers", "add", "rita@canon-europe.example", "Rita", "--json"],
                                              environment: environment)
        #expect(added.status == .success)
        let queue = await CommandLineTool.run(["review", "queue", "--reviewer", "rita@canon-europe.example", "--json"],
                                              environment: environment)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(queue.output.utf8)) as? [[String: Any]])
        #expect(rows.first?["id"] as? String == id)
        #expect(rows.first?["dueDay"] as? String == "2026-12-01")
    }

    @Test("A bad CPS_NOW is a usage error; every journey command has --help")
    func clockAndHelp() async throws {
        let directory = try Self.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: directory)
            try? FileManager.default.removeItem(atPath: directory.path + ".keys") // the tool's key file beside it
        }
        let bad = await CommandLineTool.run(["mails"], environment: ["CPS_DATA_DIR": directory.path, "CPS_NOW": "soon"])
        #expect(bad.status == .usage)
        #expect(bad.errorOutput.contains("CPS_NOW"))
        for command in ["apply", "evidence", "submit", "review", "password", "users", "products", "migrate", "points",
                        "next-steps", "levels", "purchase", "jobs", "bank-payment", "mails", "reviewers"] {
            let help = await CommandLineTool.run([command, "--help"])
            #expect(help.status == .success, "\(command)")
            #expect(help.output.hasPrefix("Usage: cps \(command)"), "\(command)")
        }
        let empty = await CommandLineTool.run(["mails", "--json"], environment: ["CPS_DATA_DIR": directory.path])
        #expect(empty.status == .success)
        #expect(empty.output.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("["))
    }

    private static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("cps-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    private static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }
}
