import CPSKit
import Testing

@Suite("Serial numbers and models (R-PRD-2, R-PRD-4)")
struct SerialNumberTests {
    /// The context's policy, as a host passes it (`SerialNumber(text, policy: context.policy)`).
    let policy = CPSPolicy.canonEurope

    @Test("R-PRD-2: spellings normalise to one serial number", arguments: [
        ("ab-12 34", "AB1234"),
        ("AB1234", "AB1234"),
        ("  ab1234\n", "AB1234"),
        ("a-b-1-2-3-4", "AB1234"),
        ("0123 4567 8901 2345 6789", "01234567890123456789"),
    ])
    func normalises(_ input: String, _ expected: String) throws {
        #expect(try SerialNumber(input, policy: policy).value == expected)
    }

    @Test("R-PRD-2: \"ab-12 34\" and \"AB1234\" are the same serial number")
    func sameSerial() throws {
        #expect(try SerialNumber("ab-12 34", policy: policy) == SerialNumber("AB1234", policy: policy))
    }

    @Test("R-PRD-2: characters outside A–Z and 0–9 are refused", arguments: ["AB_1234", "ÅB1234", "AB.1234", "AB/1234", "", "  - "])
    func invalidCharacters(_ input: String) {
        let error = #expect(throws: ProductError.self) { try SerialNumber(input, policy: policy) }
        #expect(error?.reason == .invalidSerial)
    }

    @Test("R-PRD-2: the length is per policy, default 4–20", arguments: [
        ("ABC", false), ("ABCD", true), (String(repeating: "9", count: 20), true), (String(repeating: "9", count: 21), false),
    ])
    func length(_ input: String, _ accepted: Bool) {
        if accepted {
            #expect(throws: Never.self) { try SerialNumber(input, policy: policy) }
        } else {
            let error = #expect(throws: ProductError.self) { try SerialNumber(input, policy: policy) }
            #expect(error?.reason == .serialLength)
        }
    }

    @Test("R-PRD-2: a host's policy sets other bounds")
    func policyLength() throws {
        var policy = ProductPolicy.sample
        policy.serialMinimumLength = 2
        policy.serialMaximumLength = 3
        #expect(try SerialNumber("a-b", policy: policy).value == "AB")
        let error = #expect(throws: ProductError.self) { try SerialNumber("ABCD", policy: policy) }
        #expect(error?.message(in: .english) == "The serial number ABCD must have between 2 and 3 letters and digits.")
    }

    @Test("R-PRD-2: the context's policy decides the bounds, not the sample catalog")
    func contextPolicy() throws {
        var policy = CPSPolicy.canonEurope
        policy.products.serialMinimumLength = 6
        let context = try CPSContext(store: InMemoryRecordStore(), identity: InMemoryIdentityProvider(), policy: policy)
        let error = #expect(throws: ProductError.self) { try SerialNumber("AB123", policy: context.policy) }
        #expect(error?.reason == .serialLength)
        #expect(try SerialNumber("AB1234", policy: context.policy).value == "AB1234")
        #expect(throws: Never.self) { try SerialNumber("AB123", policy: CPSPolicy.canonEurope) }
    }

    @Test("R-PRD-4: model spellings share one key", arguments: ["EOS R5", "eos-r5", " EOS R5 "])
    func modelKey(_ spelling: String) throws {
        #expect(try ProductModel(spelling).key == "EOSR5")
        #expect(ProductPolicy.sample.entry(for: spelling)?.model == "EOS R5")
    }

    @Test("R-PRD-1: the sample catalog is valid policy and has items that earn no points")
    func sampleCatalog() throws {
        try CPSPolicy.canonEurope.validate()
        let categories = Set(ProductPolicy.sample.catalog.filter { $0.points == 0 }.map(\.category))
        #expect(categories.isSuperset(of: [.accessory, .paper, .ink]))
        #expect(ProductPolicy.sample.catalog.contains { $0.category == .printer && $0.points > 0 })
    }

    @Test("R-PRD-1: a catalog with a model listed twice or negative points is refused")
    func invalidCatalog() {
        var policy = CPSPolicy.canonEurope
        policy.products.catalog.append(ProductCatalogEntry(model: "eos-r5", name: "dup", category: .camera, points: 1))
        #expect(throws: PolicyError.self) { try policy.validate() }
        policy = .canonEurope
        policy.products.catalog[0].points = -1
        #expect(throws: PolicyError.self) { try policy.validate() }
    }
}
