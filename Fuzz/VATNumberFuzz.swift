// libFuzzer entry for the VAT number parser (R-VAT-1, SPEC §12 "never crash on any bytes").
// Built by `Scripts/fuzz.sh VATNumberFuzz SECONDS` together with the sources of the lower layers in one module,
// so it can reach the parser's internal byte entry point.

/// Feeds arbitrary bytes to the parser, both raw (not even valid UTF-8) and as a repaired string,
/// and checks that a compact form, parsed again, is itself and keeps its canonical form.

func vatNumberFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let raw = VATNumberParser.verdict(utf8: bytes)
    let text = String(decoding: bytes, as: UTF8.self)
    let verdict = VATNumberParser.verdict(text)
    if text.utf8.elementsEqual(bytes), raw != verdict {
        preconditionFailure("byte and string entry disagree on \(Array(bytes))")
    }
    switch verdict {
    case .valid(let compact):
        guard case .valid(let again) = VATNumberParser.verdict(compact), again == compact else {
            preconditionFailure("compact form \(compact) does not parse to itself")
        }
        guard compact.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x2A || $0 == 0x2B })
        else { preconditionFailure("compact form \(compact) has unexpected characters") }
        guard case .valid(let lower) = VATNumberParser.verdict(compact.lowercased()), lower == compact else {
            preconditionFailure("lower-case \(compact) does not parse to it")
        }
        let number = VATNumber(uncheckedCompact: compact)
        _ = (number.canonical, number.prefix, number.country)
    case .invalid(let reason):
        do {
            _ = try VATNumber(text)
            preconditionFailure("VATNumber accepted what the parser refused (\(reason))")
        } catch {
            // the parser's reason, or the more precise one of a common slip (R-VAT-1, VATNumberSlips)
            guard error.reason == (VATNumberSlips.diagnose(text) ?? reason) else {
                preconditionFailure("reason changed for \(text)")
            }
        }
    }
    return 0
}
