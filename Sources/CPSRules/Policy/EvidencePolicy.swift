/// The evidence rules as policy data (R-DOC-3, R-DOC-4, R-DOC-5).
public struct EvidencePolicy: Hashable, Codable, Sendable {
    /// The editions by name.
    public var editions: [String: EvidenceEdition]
    /// Which edition a country uses; countries not listed use ``defaultEdition``.
    public var editionByCountry: [String: String]
    /// The edition for countries without their own (the seed's, Swedish).
    public var defaultEdition: String
    /// The largest evidence file accepted, in bytes (R-DOC-5). Default 10 MiB.
    public var maximumFileBytes: Int
    /// Legal forms per country (ISO code), for company-name matching (R-DOC-4).
    public var legalForms: [String: [LegalForm]]

    /// Creates a policy.
    public init(editions: [String: EvidenceEdition], editionByCountry: [String: String], defaultEdition: String,
                maximumFileBytes: Int, legalForms: [String: [LegalForm]]) {
        self.editions = editions
        self.editionByCountry = editionByCountry
        self.defaultEdition = defaultEdition
        self.maximumFileBytes = maximumFileBytes
        self.legalForms = legalForms
    }

    /// The edition that applies to a company in `country`.
    public func edition(for country: CountryCode) -> EvidenceEdition {
        let name = editionByCountry[country.code] ?? defaultEdition
        return editions[name] ?? editions[defaultEdition] ?? .swedish
    }

    /// The kinds a document may have (R-DOC-1…3): the predefined ones and every kind an edition of
    /// the policy accepts, in that order, without repeats. Any other kind is refused when a document
    /// is added, and an application holding one cannot be submitted.
    public var knownKinds: [EvidenceKind] {
        var kinds = EvidenceKind.predefined
        for name in editions.keys.sorted() {
            guard let edition = editions[name] else { continue }
            for accepted in edition.vatRegistered.accepted + edition.notVATRegistered.accepted
            where !kinds.contains(accepted.kind) {
                kinds.append(accepted.kind)
            }
        }
        return kinds
    }

    /// The legal forms of `country` (none when the policy lists none).
    public func legalForms(for country: CountryCode) -> [LegalForm] { legalForms[country.code] ?? [] }

    /// Canon Europe's default: the Swedish (seed) edition everywhere except France, 10 MiB files, and
    /// the common legal forms of the participating countries.
    public static let canonEurope = EvidencePolicy(
        editions: ["SE": .swedish, "FR": .french],
        editionByCountry: ["FR": "FR"],
        defaultEdition: "SE",
        maximumFileBytes: 10 * 1024 * 1024,
        legalForms: [
            "SE": [LegalForm("ab", ["aktiebolag", "ab publ", "aktiebolag publ"]), LegalForm("hb", ["handelsbolag"]),
                   LegalForm("kb", ["kommanditbolag"]), LegalForm("ek for", ["ekonomisk forening"])],
            "DE": [LegalForm("gmbh", ["gesellschaft mit beschrankter haftung"]), LegalForm("ag", ["aktiengesellschaft"]),
                   LegalForm("kg", ["kommanditgesellschaft"]), LegalForm("ohg", ["offene handelsgesellschaft"]),
                   LegalForm("ug", ["unternehmergesellschaft", "ug haftungsbeschrankt"]), LegalForm("ev", ["eingetragener verein"])],
            "AT": [LegalForm("gmbh", ["gesellschaft mit beschrankter haftung"]), LegalForm("ag", ["aktiengesellschaft"]),
                   LegalForm("kg", ["kommanditgesellschaft"]), LegalForm("og", ["offene gesellschaft"])],
            "CH": [LegalForm("gmbh", ["gesellschaft mit beschrankter haftung", "sarl", "societe a responsabilite limitee"]),
                   LegalForm("ag", ["aktiengesellschaft", "sa", "societe anonyme"])],
            "FR": [LegalForm("sarl", ["societe a responsabilite limitee"]), LegalForm("sa", ["societe anonyme"]),
                   LegalForm("sas", ["societe par actions simplifiee"]), LegalForm("sasu", ["societe par actions simplifiee unipersonnelle"]),
                   LegalForm("eurl", ["entreprise unipersonnelle a responsabilite limitee"])],
            "BE": [LegalForm("bv", ["besloten vennootschap", "srl", "societe a responsabilite limitee"]),
                   LegalForm("nv", ["naamloze vennootschap", "sa", "societe anonyme"])],
            "LU": [LegalForm("sarl", ["societe a responsabilite limitee"]), LegalForm("sa", ["societe anonyme"])],
            "NL": [LegalForm("bv", ["besloten vennootschap"]), LegalForm("nv", ["naamloze vennootschap"]),
                   LegalForm("vof", ["vennootschap onder firma"])],
            "GB": [LegalForm("ltd", ["limited", "private limited company"]), LegalForm("plc", ["public limited company"]),
                   LegalForm("llp", ["limited liability partnership"])],
            "IE": [LegalForm("ltd", ["limited", "teoranta", "teo"]), LegalForm("plc", ["public limited company", "cpt"]),
                   LegalForm("dac", ["designated activity company"])],
            "NO": [LegalForm("as", ["aksjeselskap"]), LegalForm("asa", ["allmennaksjeselskap"]), LegalForm("enk", ["enkeltpersonforetak"])],
            "DK": [LegalForm("aps", ["anpartsselskab"]), LegalForm("as", ["aktieselskab"]), LegalForm("ivs", ["ivaerksaetterselskab"])],
            "FI": [LegalForm("oy", ["osakeyhtio", "ab", "aktiebolag"]), LegalForm("oyj", ["julkinen osakeyhtio", "abp"])],
            "IT": [LegalForm("srl", ["societa a responsabilita limitata"]), LegalForm("spa", ["societa per azioni"]),
                   LegalForm("snc", ["societa in nome collettivo"])],
            "ES": [LegalForm("sl", ["sociedad limitada", "sociedad de responsabilidad limitada", "srl"]),
                   LegalForm("sa", ["sociedad anonima"])],
            "PT": [LegalForm("lda", ["limitada", "sociedade por quotas"]), LegalForm("sa", ["sociedade anonima"])],
            "PL": [LegalForm("sp z oo", ["spolka z ograniczona odpowiedzialnoscia", "sp zoo"]), LegalForm("sa", ["spolka akcyjna"])],
            "CZ": [LegalForm("sro", ["spolecnost s rucenim omezenym", "spol s ro"]), LegalForm("as", ["akciova spolecnost"])],
            "SK": [LegalForm("sro", ["spolocnost s rucenim obmedzenym", "spol s ro"]), LegalForm("as", ["akciova spolocnost"])],
            "HU": [LegalForm("kft", ["korlatolt felelossegu tarsasag"]), LegalForm("zrt", ["zartkoruen mukodo reszvenytarsasag"]),
                   LegalForm("nyrt", ["nyilvanosan mukodo reszvenytarsasag"]), LegalForm("bt", ["beteti tarsasag"])],
        ])
}
