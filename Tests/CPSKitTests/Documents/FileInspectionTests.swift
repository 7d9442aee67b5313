@testable import CPSKit
@testable import CPSRules
import CPSKitTesting
import Foundation
import Testing

@Suite("Evidence files are recognised by content (R-DOC-5)")
struct FileInspectionTests {
    @Test("PDF, JPEG and PNG are recognised by their magic bytes")
    func recognised() throws {
        #expect(try FileInspection.inspect(Fixtures.pdf, maximumBytes: 100).get() == .pdf)
        #expect(try FileInspection.inspect(Fixtures.jpeg, maximumBytes: 100).get() == .jpeg)
        #expect(try FileInspection.inspect(Fixtures.png, maximumBytes: 100).get() == .png)
    }

    @Test("Empty, too large and other content are refused with the reason")
    func refused() {
        #expect(FileInspection.inspect(Data(), maximumBytes: 100) == .failure(FileInspectionError(.empty, byteCount: 0, limit: 100)))
        let big = Fixtures.pdf + Data(repeating: 0, count: 100)
        if case .failure(let error) = FileInspection.inspect(big, maximumBytes: 100) {
            #expect(error.reason == .tooLarge)
        } else {
            Issue.record("a file over the limit was accepted")
        }
        if case .failure(let error) = FileInspection.inspect(Data("MZ\u{90}executable".utf8), maximumBytes: 100) {
            #expect(error.reason == .unsupportedType)
            #expect(error.message(in: .swedish).contains("PDF, JPEG eller PNG"))
        } else {
            Issue.record("a non-document was accepted")
        }
    }

    @Test("Exactly the maximum size is accepted; one byte more is not")
    func sizeBoundary() {
        let file = Fixtures.pdf + Data(repeating: 0x20, count: 100 - Fixtures.pdf.count)
        #expect((try? FileInspection.inspect(file, maximumBytes: 100).get()) == .pdf)
        #expect((try? FileInspection.inspect(file + Data([0x20]), maximumBytes: 100).get()) == nil)
    }
}
