extension ProductPolicy {
    /// **SAMPLE DATA — not Canon's official values.** A small catalog for examples and tests
    /// (R-PRD-1): a few EOS R bodies, RF lenses and a printer that earn points, and accessories,
    /// paper and ink that earn none. Serial numbers 4–20 characters, invitation at 500 points.
    public static let sample = ProductPolicy(catalog: [
        ProductCatalogEntry(model: "EOS R1", name: "EOS R1 mirrorless camera body (sample)", category: .camera, points: 500),
        ProductCatalogEntry(model: "EOS R3", name: "EOS R3 mirrorless camera body (sample)", category: .camera, points: 400),
        ProductCatalogEntry(model: "EOS R5 Mark II", name: "EOS R5 Mark II mirrorless camera body (sample)", category: .camera, points: 350),
        ProductCatalogEntry(model: "EOS R5", name: "EOS R5 mirrorless camera body (sample)", category: .camera, points: 300),
        ProductCatalogEntry(model: "EOS R6 Mark II", name: "EOS R6 Mark II mirrorless camera body (sample)", category: .camera, points: 250),
        ProductCatalogEntry(model: "EOS R8", name: "EOS R8 mirrorless camera body (sample)", category: .camera, points: 100),
        ProductCatalogEntry(model: "RF 24-70mm F2.8 L IS USM", name: "RF 24-70mm F2.8 L IS USM lens (sample)", category: .lens, points: 200),
        ProductCatalogEntry(model: "RF 70-200mm F2.8 L IS USM", name: "RF 70-200mm F2.8 L IS USM lens (sample)", category: .lens, points: 200),
        ProductCatalogEntry(model: "RF 100-500mm F4.5-7.1 L IS USM", name: "RF 100-500mm F4.5-7.1 L IS USM lens (sample)", category: .lens, points: 250),
        ProductCatalogEntry(model: "RF 50mm F1.8 STM", name: "RF 50mm F1.8 STM lens (sample)", category: .lens, points: 50),
        ProductCatalogEntry(model: "imagePROGRAF PRO-1000", name: "imagePROGRAF PRO-1000 A2 photo printer (sample)", category: .printer, points: 150),
        ProductCatalogEntry(model: "LP-E6NH", name: "LP-E6NH battery pack (sample, no points)", category: .accessory, points: 0),
        ProductCatalogEntry(model: "BG-R10", name: "BG-R10 battery grip (sample, no points)", category: .accessory, points: 0),
        ProductCatalogEntry(model: "PT-101 A3+", name: "PT-101 Photo Paper Pro Platinum A3+ (sample, no points)", category: .paper, points: 0),
        ProductCatalogEntry(model: "PFI-1000 PBK", name: "PFI-1000 photo black ink (sample, no points)", category: .ink, points: 0),
    ])
}
