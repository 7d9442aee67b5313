import CPSCLI
import CPSKit
import CPSKitTesting
import Foundation
import Testing

/// A fresh `cps` data directory holding one application of ``Fixtures/swedishForm``, made through
/// `cps apply`: the directory, the environment that points `cps` at it, and the application's ID.
enum AppliedDataDirectory {
    static func make(_ prefix: String) async throws -> (directory: URL, environment: [String: String], id: String) {
        let directory = makeTemporaryDirectory(prefix)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let environment = ["CPS_DATA_DIR": directory.path, "CPS_NOW": "2026-11-27T10:00:00+01:00"]
        let form = directory.appendingPathComponent("form.json")
        try JSONEncoder().encode(Fixtures.swedishForm).write(to: form)
        let applied = await CommandLineTool.run(["apply", form.path, "--json"], environment: environment)
        let id = try #require((try JSONSerialization.jsonObject(with: Data(applied.output.utf8)) as? [String: Any])?["id"] as? String)
        return (directory, environment, id)
    }

    /// Removes the directory and its key file beside it.
    static func remove(_ directory: URL) {
        try? FileManager.default.removeItem(at: directory)
        try? FileManager.default.removeItem(atPath: directory.path + ".keys")
    }
}
