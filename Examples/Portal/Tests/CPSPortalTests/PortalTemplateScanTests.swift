import Foundation
import Testing

/// R-HOST-2: the pages are built from `HTML` values whose interpolations are escaped; the only way to
/// turn text into markup without escaping would be to call the literal initialiser on a variable or
/// to write `markup` directly. This test reads the portal's sources and fails on either outside
/// `HTML.swift`.
@Suite("Portal: no unescaped markup in the page sources (R-HOST-2)")
struct PortalTemplateScanTests {
    @Test("R-HOST-2: no source outside HTML.swift writes markup directly or calls HTML(stringLiteral:)")
    func noRawMarkup() throws {
        let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources/CPSPortal", isDirectory: true)
        let files = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        #expect(files.count > 10, "the scan found the sources")
        var offences: [String] = []
        for file in files where file.lastPathComponent != "HTML.swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.contains("stringLiteral:") || line.contains(".markup =") || line.contains(".markup +=")
                    || line.contains("unsafe") && line.contains("HTML") {
                    offences.append("\(file.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        #expect(offences.isEmpty, "\(offences.joined(separator: "\n"))")
    }
}
