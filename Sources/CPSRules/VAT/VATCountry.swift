/// The countries whose VAT numbers R-VAT-1 accepts, picked by the first two characters of a number:
/// the 27 EU member states (Greece as `EL` or `GR`), Northern Ireland (`XI`), the United Kingdom
/// (`GB`), Norway (`NO`, `…MVA`) and Switzerland (`CHE…MWST|TVA|IVA|TPV`).
enum VATCountry: Sendable {
    case austria, belgium, bulgaria, cyprus, czechia, germany, denmark, estonia, greece, spain, finland
    case france, croatia, hungary, ireland, italy, lithuania, luxembourg, latvia, malta, netherlands
    case poland, portugal, romania, sweden, slovenia, slovakia
    case unitedKingdom, norway, switzerland

    /// The country of a two-letter prefix (upper-case ASCII bytes), or `nil`.
    init?(_ first: UInt8, _ second: UInt8) {
        switch (first, second) {
        case (0x41, 0x54): self = .austria        // AT
        case (0x42, 0x45): self = .belgium        // BE
        case (0x42, 0x47): self = .bulgaria       // BG
        case (0x43, 0x59): self = .cyprus         // CY
        case (0x43, 0x5A): self = .czechia        // CZ
        case (0x44, 0x45): self = .germany        // DE
        case (0x44, 0x4B): self = .denmark        // DK
        case (0x45, 0x45): self = .estonia        // EE
        case (0x45, 0x4C), (0x47, 0x52): self = .greece  // EL, GR
        case (0x45, 0x53): self = .spain          // ES
        case (0x46, 0x49): self = .finland        // FI
        case (0x46, 0x52): self = .france         // FR
        case (0x48, 0x52): self = .croatia        // HR
        case (0x48, 0x55): self = .hungary        // HU
        case (0x49, 0x45): self = .ireland        // IE
        case (0x49, 0x54): self = .italy          // IT
        case (0x4C, 0x54): self = .lithuania      // LT
        case (0x4C, 0x55): self = .luxembourg     // LU
        case (0x4C, 0x56): self = .latvia         // LV
        case (0x4D, 0x54): self = .malta          // MT
        case (0x4E, 0x4C): self = .netherlands    // NL
        case (0x50, 0x4C): self = .poland         // PL
        case (0x50, 0x54): self = .portugal       // PT
        case (0x52, 0x4F): self = .romania        // RO
        case (0x53, 0x45): self = .sweden         // SE
        case (0x53, 0x49): self = .slovenia       // SI
        case (0x53, 0x4B): self = .slovakia       // SK
        case (0x58, 0x49), (0x47, 0x42): self = .unitedKingdom  // XI, GB
        case (0x4E, 0x4F): self = .norway         // NO
        case (0x43, 0x48): self = .switzerland    // CH
        default: return nil
        }
    }

    /// Whether the reference drops commas in this country (besides space, dot, dash, slash).
    var dropsComma: Bool { self == .germany || self == .denmark }

    /// Whether the reference drops colons in this country.
    var dropsColon: Bool {
        switch self {
        case .denmark, .greece, .italy, .luxembourg: return true
        default: return false
        }
    }
}
