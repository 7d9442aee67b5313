@testable import CPSKit
@testable import CPSRules
import Testing

@Suite("Text catalog (SPEC §1, R-GUIDE-1)")
struct TextCatalogTests {
    @Test("Swedish and English have exactly the same keys")
    func completeness() {
        let catalog = TextCatalog.standard
        let english = catalog.keys(of: .english)
        let swedish = catalog.keys(of: .swedish)
        #expect(english.subtracting(swedish).sorted() == [], "missing in Swedish")
        #expect(swedish.subtracting(english).sorted() == [], "missing in English")
        #expect(english.count > 0)
    }

    @Test("Every part's table is complete on its own and no two parts define the same key")
    func partsAreCompleteAndDisjoint() {
        var seen: [String: String] = [:]
        for table in TextCatalog.parts {
            #expect(Set(table.english.keys) == Set(table.swedish.keys), "part \(table.part)")
            for key in table.english.keys {
                #expect(seen[key] == nil, "\(key) in \(table.part) and \(seen[key] ?? "")")
                seen[key] = table.part
                #expect(key.hasPrefix(table.part + ".") || table.part == "common", "\(key) outside \(table.part)")
            }
        }
    }

    @Test("Placeholders in Swedish and English match for every key")
    func placeholdersMatch() {
        let catalog = TextCatalog.standard
        for key in catalog.keys(of: .english) {
            let en = Self.placeholders(catalog.template(TextKey(key), in: .english) ?? "")
            let sv = Self.placeholders(catalog.template(TextKey(key), in: .swedish) ?? "")
            #expect(en == sv, "\(key)")
        }
    }

    @Test("Another language falls back to English; a missing argument stays visible")
    func fallback() {
        let catalog = TextCatalog.standard
        #expect(catalog.render("vat.error.empty", in: Language("de")) == catalog.render("vat.error.empty", in: .english))
        #expect(TextCatalog.fill("a {x} b {y}", ["x": "1"]) == "a 1 b {y}")
        #expect(TextCatalog.fill("{x}{x}", ["x": "é"]) == "éé")
        #expect(TextCatalog.fill("open { brace", ["x": "1"]) == "open { brace")
    }

    @Test("Adding a language is adding a table")
    func addingALanguage() {
        let german = TextCatalog.standard.adding(Language("de"), texts: ["vat.error.empty": "Keine USt-IdNr."])
        #expect(german.render("vat.error.empty", in: Language("de-AT")) == "Keine USt-IdNr.")
        #expect(german.render("vat.error.badPattern", ["input": "X"], in: Language("de")).contains("\"X\""))
    }

    static func placeholders(_ text: String) -> Set<String> {
        var result: Set<String> = []
        var rest = text[...]
        // A placeholder's name is what follows "{" up to "}" or "," (a plural form's text may differ).
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(where: { $0 == "}" || $0 == "," }) {
            let name = String(rest[rest.index(after: open)..<close])
            if !name.contains(" "), !name.contains("#") { result.insert(name) }
            rest = rest[rest.index(after: close)...]
        }
        return result
    }
}
