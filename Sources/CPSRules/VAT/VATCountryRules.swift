/// The national rules of R-VAT-1: length, pattern and check digits of each country's VAT number,
/// checked on the number without its prefix and separators. Each rule reports the first failure in
/// the order the reference (python-stdnum 2.2) checks, so the reasons match its exceptions:
/// format and component → ``VATNumberError/Reason/badPattern``, length →
/// ``VATNumberError/Reason/wrongLength``, checksum → ``VATNumberError/Reason/badCheckDigit``.
enum VATCountryRules {
    typealias Reason = VATNumberError.Reason

    /// Checks `number` (the part after the prefix) for `country`; may normalise it in place (leading
    /// zeros in BE, GR and NL). Returns `nil` when it is valid.
    static func check(_ country: VATCountry, _ number: inout VATBytes) -> Reason? {
        switch country {
        case .austria: return austria(number)
        case .belgium: return belgium(&number)
        case .bulgaria: return bulgaria(number)
        case .cyprus: return cyprus(number)
        case .czechia: return czechia(number)
        case .germany: return germany(number)
        case .denmark: return weighted(number, length: 8, noLeadingZero: true, weights: [2, 7, 6, 5, 4, 3, 2, 1], modulus: 11)
        case .estonia: return weighted(number, length: 9, noLeadingZero: false, weights: [3, 7, 1, 3, 7, 1, 3, 7, 1], modulus: 10)
        case .greece: return greece(&number)
        case .spain: return spain(number)
        case .finland: return weighted(number, length: 8, noLeadingZero: false, weights: [7, 9, 10, 5, 8, 4, 2, 1], modulus: 11)
        case .france: return france(number)
        case .croatia: return croatia(number)
        case .hungary: return weighted(number, length: 8, noLeadingZero: false, weights: [9, 7, 3, 1, 9, 7, 3, 1], modulus: 10)
        case .ireland: return ireland(number)
        case .italy: return italy(number)
        case .lithuania: return lithuania(number)
        case .luxembourg: return luxembourg(number)
        case .latvia: return latvia(number)
        case .malta: return weighted(number, length: 8, noLeadingZero: true, weights: [3, 4, 6, 7, 8, 9, 10, 1], modulus: 37)
        case .netherlands: return netherlands(&number)
        case .poland: return weighted(number, length: 10, noLeadingZero: false, weights: [6, 5, 7, 2, 3, 4, 5, 6, 7, -1], modulus: 11)
        case .portugal: return portugal(number)
        case .romania: return romania(number)
        case .sweden: return sweden(number)
        case .slovenia: return slovenia(number)
        case .slovakia: return slovakia(number)
        case .unitedKingdom: return unitedKingdom(number)
        case .norway: return norway(&number)
        case .switzerland: return .unknownCountry  // handled by ``switzerland(_:)`` on the whole text
        }
    }

    // MARK: - Shared algorithms

    /// All digits, a fixed length, and a weighted digit sum divisible by `modulus` (DK, EE, FI, HU, MT, PL).
    static func weighted(_ number: VATBytes, length: Int, noLeadingZero: Bool, weights: [Int], modulus: Int) -> Reason? {
        guard number.isDigits, !(noLeadingZero && number[0] == 0x30) else { return .badPattern }
        guard number.count == length else { return .wrongLength }
        return mod(number.weightedSum(weights), modulus) == 0 ? nil : .badCheckDigit
    }

    /// The mathematical (never negative) remainder.
    @inline(__always)
    static func mod(_ value: Int, _ modulus: Int) -> Int {
        let remainder = value % modulus
        return remainder < 0 ? remainder + modulus : remainder
    }

    /// The Luhn checksum of a digit window: 0 when its last digit checks the others.
    static func luhnChecksum(_ digits: VATBytes) -> Int {
        var sum = 0
        var double = false
        var offset = digits.count - 1
        while offset >= 0 {
            let value = digits.digit(offset)
            if double {
                let twice = value * 2
                sum += twice / 10 + twice % 10
            } else {
                sum += value
            }
            double.toggle()
            offset -= 1
        }
        return sum % 10
    }

    /// ISO 7064 MOD 11,10: true when the last digit checks the others.
    static func mod11_10IsValid(_ digits: VATBytes) -> Bool {
        var check = 5
        for offset in 0..<digits.count {
            check = ((check == 0 ? 10 : check) * 2 % 11 + digits.digit(offset)) % 10
        }
        return check == 1
    }

    /// Whether day, month and year name a day of the proleptic Gregorian calendar (years 1–9999).
    static func isDate(year: Int, month: Int, day: Int) -> Bool {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1 else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    @inline(__always)
    static func isDigit(_ byte: UInt8?) -> Bool {
        guard let byte else { return false }
        return byte >= 0x30 && byte <= 0x39
    }

    // MARK: - Countries

    /// AT: `U` and 8 digits; the last is a Luhn variant over digits 2–7.
    static func austria(_ number: VATBytes) -> Reason? {
        guard number.at(0) == 0x55, number.slice(1).isDigits else { return .badPattern }
        guard number.count == 9 else { return .wrongLength }
        let check = mod(6 - luhnChecksum(number.slice(1, 8)), 10)
        return number.digit(8) == check ? nil : .badCheckDigit
    }

    /// BE: 10 digits starting 0 or 1 (a 9-digit or `(0)…` spelling gets its leading zero); mod 97.
    static func belgium(_ number: inout VATBytes) -> Reason? {
        if number.hasPrefix("(0)") {
            number.dropFirst(2)
            number.base[number.start] = 0x30
        }
        if number.count == 9 { number.prepend(0x30) }
        guard number.isDigits, !number.allSatisfy({ $0 == 0x30 }) else { return .badPattern }
        guard number.count == 10 else { return .wrongLength }
        guard number[0] == 0x30 || number[0] == 0x31 else { return .badPattern }
        return (number.slice(0, 8).value + number.slice(8).value) % 97 == 0 ? nil : .badCheckDigit
    }

    /// BG: 9 digits (legal entities) or 10 (a person's EGN, a foreigner's PNF, or others).
    static func bulgaria(_ number: VATBytes) -> Reason? {
        guard number.isDigits else { return .badPattern }
        switch number.count {
        case 9:
            var check = 0
            for offset in 0..<8 { check += (offset + 1) * number.digit(offset) }
            check %= 11
            if check == 10 {
                check = 0
                for offset in 0..<8 { check += (offset + 3) * number.digit(offset) }
                check %= 11
            }
            return number.digit(8) == check % 10 ? nil : .badCheckDigit
        case 10:
            if bulgarianPersonIsValid(number) { return nil }
            if number.weightedSum([21, 19, 17, 13, 11, 9, 7, 3, 1]) % 10 == number.digit(9) { return nil }
            let other = mod(11 - number.weightedSum([4, 3, 2, 7, 6, 5, 4, 3, 2]), 11)
            return other == number.digit(9) ? nil : .badCheckDigit
        default:
            return .wrongLength
        }
    }

    /// A Bulgarian personal number (EGN): a birth date and a check digit.
    static func bulgarianPersonIsValid(_ number: VATBytes) -> Bool {
        var year = number.slice(0, 2).value + 1900
        var month = number.slice(2, 4).value
        let day = number.slice(4, 6).value
        if month > 40 {
            year += 100
            month -= 40
        } else if month > 20 {
            year -= 100
            month -= 20
        }
        guard isDate(year: year, month: month, day: day) else { return false }
        return number.weightedSum([2, 4, 8, 5, 10, 9, 7, 3, 6]) % 11 % 10 == number.digit(9)
    }

    /// CY: 8 digits (not starting `12`) and a check letter.
    static func cyprus(_ number: VATBytes) -> Reason? {
        guard number.slice(0, -1).isDigits else { return .badPattern }
        guard number.count == 9 else { return .wrongLength }
        guard !number.hasPrefix("12") else { return .badPattern }
        let oddValues = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21]
        var sum = 0
        for offset in 0..<8 {
            sum += offset % 2 == 0 ? oddValues[number.digit(offset)] : number.digit(offset)
        }
        return number[8] == UInt8(0x41 + sum % 26) ? nil : .badCheckDigit
    }

    /// CZ: 8 digits (legal entities), 9 starting `6` (special), or a 9/10-digit birth number.
    static func czechia(_ number: VATBytes) -> Reason? {
        guard number.isDigits else { return .badPattern }
        let count = number.count
        if count == 8 {
            guard number[0] != 0x39 else { return .badPattern }
            var sum = 0
            for offset in 0..<7 { sum += (8 - offset) * number.digit(offset) }
            let check = mod(11 - sum, 11)
            return number.digit(7) == (check == 0 ? 1 : check) % 10 ? nil : .badCheckDigit
        }
        if count == 9 && number[0] == 0x36 {
            var sum = 0
            for offset in 0..<7 { sum += (8 - offset) * number.digit(offset + 1) }
            let check = mod(8 - (10 - sum % 11) % 11, 10)
            return number.digit(8) == check ? nil : .badCheckDigit
        }
        guard count == 9 || count == 10 else { return .wrongLength }
        return birthNumber(number)
    }

    /// A Czech or Slovak birth number (rodné číslo): a birth date, and from 1954 a tenth check digit.
    static func birthNumber(_ number: VATBytes) -> Reason? {
        guard number.isDigits else { return .badPattern }
        guard number.count == 9 || number.count == 10 else { return .wrongLength }
        var year = 1900 + number.slice(0, 2).value
        let month = number.slice(2, 4).value % 50 % 20
        let day = number.slice(4, 6).value
        if number.count == 9 {
            if year >= 1980 { year -= 100 }
            if year > 1953 { return .wrongLength }
        } else if year < 1954 {
            year += 100
        }
        guard isDate(year: year, month: month, day: day) else { return .badPattern }
        if number.count == 10 {
            return number.slice(0, 9).value % 11 % 10 == number.digit(9) ? nil : .badCheckDigit
        }
        return nil
    }

    /// DE: 9 digits, not starting 0; ISO 7064 MOD 11,10.
    static func germany(_ number: VATBytes) -> Reason? {
        guard number.isDigits, number[0] != 0x30 else { return .badPattern }
        guard number.count == 9 else { return .wrongLength }
        return mod11_10IsValid(number) ? nil : .badCheckDigit
    }

    /// EL/GR: 9 digits (an 8-digit spelling gets its leading zero); a doubling check digit.
    static func greece(_ number: inout VATBytes) -> Reason? {
        if number.count == 8 { number.prepend(0x30) }
        guard number.isDigits else { return .badPattern }
        guard number.count == 9 else { return .wrongLength }
        var sum = 0
        for offset in 0..<8 { sum = sum * 2 + number.digit(offset) }
        return sum * 2 % 11 % 10 == number.digit(8) ? nil : .badCheckDigit
    }

    /// ES: a letter or digit, 7 digits, a letter or digit (DNI, NIE, CIF and the K/L/M forms).
    static func spain(_ number: VATBytes) -> Reason? {
        guard number.slice(1, -1).isDigits else { return .badPattern }
        guard number.count == 9 else { return .wrongLength }
        let letters: StaticString = "TRWAGMYFPDXBNJZSQVHLCKE"
        let first = number[0]
        let last = number[8]
        func dniLetter(_ value: Int) -> UInt8 { letters.utf8Start[value % 23] }
        switch first {
        case 0x4B, 0x4C, 0x4D:  // K, L, M
            return last == dniLetter(number.slice(1, 8).value) ? nil : .badCheckDigit
        case 0x30...0x39:
            return last == dniLetter(number.slice(0, 8).value) ? nil : .badCheckDigit
        case 0x58, 0x59, 0x5A:  // X, Y, Z stand for 0, 1, 2
            let value = Int(first - 0x58) * 10_000_000 + number.slice(1, 8).value
            return last == dniLetter(value) ? nil : .badCheckDigit
        default:
            let organisationLetters: StaticString = "ABCDEFGHJNPQRSUVW"
            guard contains(organisationLetters, first) else { return .badPattern }
            // The Luhn check digit of digits 2–8, or the letter it maps to.
            var sum = 0
            var double = true
            for offset in stride(from: 7, through: 1, by: -1) {
                let value = number.digit(offset)
                if double {
                    let twice = value * 2
                    sum += twice / 10 + twice % 10
                } else {
                    sum += value
                }
                double.toggle()
            }
            let check = (10 - sum % 10) % 10
            let checkLetters: StaticString = "JABCDEFGHI"
            return last == UInt8(0x30 + check) || last == checkLetters.utf8Start[check] ? nil : .badCheckDigit
        }
    }

    static func contains(_ set: StaticString, _ byte: UInt8) -> Bool {
        let pointer = set.utf8Start
        for offset in 0..<set.utf8CodeUnitCount where pointer[offset] == byte { return true }
        return false
    }

    /// FR: two check characters (digits or letters without I and O) and a 9-digit SIREN.
    static func france(_ number: VATBytes) -> Reason? {
        let alphabet: StaticString = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"
        func index(_ byte: UInt8) -> Int? {
            let pointer = alphabet.utf8Start
            for offset in 0..<alphabet.utf8CodeUnitCount where pointer[offset] == byte { return offset }
            return nil
        }
        let head = number.slice(0, 2)
        guard head.allSatisfy({ index($0) != nil }) else { return .badPattern }
        let siren = number.slice(2)
        guard siren.isDigits else { return .badPattern }
        guard number.count == 11 else { return .wrongLength }
        if !siren.hasPrefix("000") && luhnChecksum(siren) != 0 { return .badCheckDigit }
        let first = number[0]
        let second = number[1]
        let sirenValue = siren.value
        if isDigit(first) && isDigit(second) {
            return number.slice(0, 2).value == (sirenValue * 100 + 12) % 97 ? nil : .badCheckDigit
        }
        guard let firstIndex = index(first), let secondIndex = index(second) else { return .badPattern }
        let check = isDigit(first) ? firstIndex * 24 + secondIndex - 10 : firstIndex * 34 + secondIndex - 100
        return mod(sirenValue + 1 + check / 11, 11) == mod(check, 11) ? nil : .badCheckDigit
    }

    /// HR: 11 digits (OIB); ISO 7064 MOD 11,10.
    static func croatia(_ number: VATBytes) -> Reason? {
        guard number.isDigits else { return .badPattern }
        guard number.count == 11 else { return .wrongLength }
        return mod11_10IsValid(number) ? nil : .badCheckDigit
    }

    /// IE: 7 digits and a check letter (and an optional second letter), or the old form with a letter
    /// (or `+`, `*`) in second place.
    static func ireland(_ number: VATBytes) -> Reason? {
        let alphabet: StaticString = "WABCDEFGHIJKLMNOPQRSTUV"
        func index(_ byte: UInt8) -> Int? {
            let pointer = alphabet.utf8Start
            for offset in 0..<alphabet.utf8CodeUnitCount where pointer[offset] == byte { return offset }
            return nil
        }
        guard number.slice(0, 1).isDigits, number.slice(2, 7).isDigits else { return .badPattern }
        guard number.slice(7).allSatisfy({ index($0) != nil }) else { return .badPattern }
        guard number.count == 8 || number.count == 9 else { return .wrongLength }
        let sum: Int
        if number.slice(0, 7).isDigits {
            var total = 0
            for offset in 0..<7 { total += (8 - offset) * number.digit(offset) }
            if number.count == 9 { total += 9 * (index(number[8]) ?? 0) }
            sum = total
        } else if number[1] >= 0x41 && number[1] <= 0x5A || number[1] == 0x2B || number[1] == 0x2A {
            // Old style: digits 3–7 then the first digit, right-aligned in seven places.
            var total = 0
            for offset in 0..<5 { total += (7 - offset) * number.digit(offset + 2) }
            total += 2 * number.digit(0)
            sum = total
        } else {
            return .badPattern
        }
        return number[7] == alphabet.utf8Start[sum % 23] ? nil : .badCheckDigit
    }

    /// IT: 11 digits (partita IVA) with a valid office code; Luhn.
    static func italy(_ number: VATBytes) -> Reason? {
        guard number.isDigits, number.slice(0, 7).value != 0 else { return .badPattern }
        guard number.count == 11 else { return .wrongLength }
        let office = number.slice(7, 10).value
        guard (1...100).contains(office) || [120, 121, 888, 999].contains(office) else { return .badPattern }
        return luhnChecksum(number) == 0 ? nil : .badCheckDigit
    }

    /// LT: 9 digits (legal entities) or 12 (temporary), with a `1` before the check digit.
    static func lithuania(_ number: VATBytes) -> Reason? {
        guard number.isDigits else { return .badPattern }
        switch number.count {
        case 9: guard number[7] == 0x31 else { return .badPattern }
        case 12: guard number[10] == 0x31 else { return .badPattern }
        default: return .wrongLength
        }
        let body = number.count - 1
        var check = 0
        for offset in 0..<body { check += (1 + offset % 9) * number.digit(offset) }
        check %= 11
        if check == 10 {
            check = 0
            for offset in 0..<body { check += (1 + (offset + 2) % 9) * number.digit(offset) }
        }
        return check % 11 % 10 == number.digit(body) ? nil : .badCheckDigit
    }

    /// LU: 8 digits; the last two are the first six mod 89.
    static func luxembourg(_ number: VATBytes) -> Reason? {
        guard number.isDigits else { return .badPattern }
        guard number.count == 8 else { return .wrongLength }
        return number.slice(0, 6).value % 89 == number.slice(6).value ? nil : .badCheckDigit
    }

    /// LV: 11 digits; legal entities (first digit above 3) by weights, persons by birth date and check.
    static func latvia(_ number: VATBytes) -> Reason? {
        guard number.isDigits else { return .badPattern }
        guard number.count == 11 else { return .wrongLength }
        if number[0] > 0x33 {
            return number.weightedSum([9, 1, 4, 8, 3, 10, 2, 5, 7, 6, 1]) % 11 == 3 ? nil : .badCheckDigit
        }
        if !number.hasPrefix("32") {
            let year = number.slice(4, 6).value + 1800 + number.digit(6) * 100
            guard isDate(year: year, month: number.slice(2, 4).value, day: number.slice(0, 2).value) else {
                return .badPattern
            }
        }
        let check = (1 + number.weightedSum([10, 5, 8, 4, 2, 1, 6, 3, 7, 9])) % 11 % 10
        return check == number.digit(10) ? nil : .badCheckDigit
    }

    /// NL: 9 digits, `B` and two digits (not `00`); the 9 digits pass the BSN test or the whole
    /// `NL…` number passes ISO 7064 MOD 97-10. Short spellings get leading zeros.
    static func netherlands(_ number: inout VATBytes) -> Reason? {
        // Split off the last three characters, trim the head's whitespace and zero-fill it to nine.
        let tailCount = min(3, number.count)
        var head = number.slice(0, number.count - tailCount)
        head.trim()
        let tailStart = number.end - tailCount
        var write = head.end
        for read in tailStart..<number.end {
            number.base[write] = number.base[read]
            write += 1
        }
        number.end = write
        number.start = head.start
        let zeros = max(0, 9 - head.count)
        // Like Python's `zfill`, a leading sign stays in front of the zeros.
        let sign: UInt8? = head.count > 0 && (head[0] == 0x2B || head[0] == 0x2D) ? head[0] : nil
        for _ in 0..<zeros { number.prepend(0x30) }
        if let sign, zeros > 0 {
            number.base[number.start + zeros] = 0x30
            number.base[number.start] = sign
        }
        let digits = number.slice(0, 9)
        guard digits.isDigits, !digits.allSatisfy({ $0 == 0x30 }) else { return .badPattern }
        let suffix = number.slice(10)
        guard suffix.isDigits, !suffix.allSatisfy({ $0 == 0x30 }) else { return .badPattern }
        guard number.count == 12 else { return .wrongLength }
        guard number[9] == 0x42 else { return .badPattern }
        let bsn = digits.weightedSum([9, 8, 7, 6, 5, 4, 3, 2]) - digits.digit(8)
        if mod(bsn, 11) == 0 { return nil }
        // ISO 7064 MOD 97-10 over "NL" + number, letters counting as 10–35.
        var remainder = 0
        func add(_ byte: UInt8) {
            if byte >= 0x30 && byte <= 0x39 {
                remainder = (remainder * 10 + Int(byte - 0x30)) % 97
            } else {
                remainder = (remainder * 100 + Int(byte - 0x41) + 10) % 97
            }
        }
        add(0x4E)
        add(0x4C)
        for offset in 0..<12 { add(number[offset]) }
        return remainder == 1 ? nil : .badCheckDigit
    }

    /// PT: 9 digits not starting 0; mod 11.
    static func portugal(_ number: VATBytes) -> Reason? {
        guard number.isDigits, number[0] != 0x30 else { return .badPattern }
        guard number.count == 9 else { return .wrongLength }
        var sum = 0
        for offset in 0..<8 { sum += (9 - offset) * number.digit(offset) }
        return mod(11 - sum, 11) % 10 == number.digit(8) ? nil : .badCheckDigit
    }

    /// RO: 2–10 digits (CUI/CIF) or 13 (a person's CNP).
    static func romania(_ number: VATBytes) -> Reason? {
        let count = number.count
        if count == 13 {
            guard number.isDigits else { return .badPattern }
            guard number[0] != 0x30 else { return .badPattern }
            let century: Int
            switch number[0] {
            case 0x33, 0x34: century = 1800
            case 0x35, 0x36: century = 2000
            default: century = 1900
            }
            let year = number.slice(1, 3).value + century
            guard isDate(year: year, month: number.slice(3, 5).value, day: number.slice(5, 7).value) else {
                return .badPattern
            }
            let county = number.slice(7, 9).value
            guard (1...48).contains(county) || [51, 52, 70, 80, 81, 82, 83].contains(county) else {
                return .badPattern
            }
            let check = number.weightedSum([2, 7, 9, 1, 4, 6, 3, 5, 8, 2, 7, 9]) % 11
            return (check == 10 ? 1 : check) == number.digit(12) ? nil : .badCheckDigit
        }
        guard count >= 2 && count <= 10 else { return .wrongLength }
        guard number.isDigits, number[0] != 0x30 else { return .badPattern }
        // The weights apply to the digits right-aligned in nine places.
        let weights = [7, 5, 3, 2, 1, 7, 5, 3, 2]
        let shift = 9 - (count - 1)
        var sum = 0
        for offset in 0..<(count - 1) { sum += weights[offset + shift] * number.digit(offset) }
        return sum * 10 % 11 % 10 == number.digit(count - 1) ? nil : .badCheckDigit
    }

    /// SE: a 10-digit organisation number (Luhn) followed by `01`.
    static func sweden(_ number: VATBytes) -> Reason? {
        guard number.isDigits, number.hasSuffix("01") else { return .badPattern }
        let organisation = number.slice(0, -2)
        guard organisation.isDigits else { return .badPattern }
        guard organisation.count == 10 else { return .wrongLength }
        return luhnChecksum(organisation) == 0 ? nil : .badCheckDigit
    }

    /// SI: 8 digits not starting 0; mod 11.
    static func slovenia(_ number: VATBytes) -> Reason? {
        guard number.isDigits, number[0] != 0x30 else { return .badPattern }
        guard number.count == 8 else { return .wrongLength }
        var sum = 0
        for offset in 0..<7 { sum += (8 - offset) * number.digit(offset) }
        let check = 11 - sum % 11
        return (check == 10 ? 0 : check) == number.digit(7) ? nil : .badCheckDigit
    }

    /// SK: 10 digits, a birth number or a legal entity's number divisible by 11.
    static func slovakia(_ number: VATBytes) -> Reason? {
        guard number.isDigits else { return .badPattern }
        guard number.count == 10 else { return .wrongLength }
        if birthNumber(number) == nil { return nil }
        guard number[0] != 0x30, [2, 3, 4, 7, 8, 9].contains(number.digit(2)) else { return .badPattern }
        return number.value % 11 == 0 ? nil : .badCheckDigit
    }

    /// GB and XI: 9 or 12 digits (mod 97, also the newer 42/55 variants), or the 5-character
    /// government (`GD`) and health-authority (`HA`) forms and their 11-character `…8888…` variants.
    static func unitedKingdom(_ number: VATBytes) -> Reason? {
        let count = number.count
        if count == 5 {
            let digits = number.slice(2)
            guard digits.isDigits else { return .badPattern }
            if number.hasPrefix("GD") && digits.value < 500 { return nil }
            if number.hasPrefix("HA") && digits.value >= 500 { return nil }
            return .badPattern
        }
        if count == 11 && (number.hasPrefix("GD8888") || number.hasPrefix("HA8888")) {
            guard number.slice(6).isDigits else { return .badPattern }
            let value = number.slice(6, 9).value
            guard number.hasPrefix("GD") ? value < 500 : value >= 500 else { return .badPattern }
            return value % 97 == number.slice(9, 11).value ? nil : .badCheckDigit
        }
        guard count == 9 || count == 12 else { return .wrongLength }
        guard number.isDigits else { return .badPattern }
        let checksum = number.weightedSum([8, 7, 6, 5, 4, 3, 2, 10, 1]) % 97
        if number.slice(0, 3).value >= 100 {
            return checksum == 0 || checksum == 42 || checksum == 55 ? nil : .badCheckDigit
        }
        return checksum == 0 ? nil : .badCheckDigit
    }

    /// NO: a 9-digit organisation number (mod 11) followed by `MVA`. Whitespace the reference trims
    /// around the organisation number is left out of the compact form.
    static func norway(_ number: inout VATBytes) -> Reason? {
        guard number.hasSuffix("MVA") else { return .badPattern }
        var organisation = number.slice(0, -3)
        organisation.trim()
        guard organisation.isDigits else { return .badPattern }
        guard organisation.count == 9 else { return .wrongLength }
        guard organisation.weightedSum([3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0 else { return .badCheckDigit }
        // Rebuild as digits + MVA, dropping the trimmed whitespace.
        let suffixStart = number.end - 3
        var write = organisation.end
        for read in suffixStart..<number.end {
            number.base[write] = number.base[read]
            write += 1
        }
        number.start = organisation.start
        number.end = write
        return nil
    }

    /// CH: `CHE`, 9 digits (mod 11) and `MWST`, `TVA`, `IVA` or `TPV`; `text` is the whole number.
    static func switzerland(_ text: inout VATBytes) -> VATNumberParser.Verdict {
        guard text.count == 15 || text.count == 16 else { return .invalid(.wrongLength) }
        let uid = text.slice(0, 12)
        guard uid.hasPrefix("CHE") else { return .invalid(.badPattern) }
        let digits = uid.slice(3)
        guard digits.isDigits else { return .invalid(.badPattern) }
        let check = mod(11 - digits.weightedSum([5, 4, 3, 2, 7, 6, 5, 4]), 11)
        guard check < 10, digits.digit(8) == check else { return .invalid(.badCheckDigit) }
        let suffix = text.slice(12)
        guard suffix.equals("MWST") || suffix.equals("TVA") || suffix.equals("IVA") || suffix.equals("TPV") else {
            return .invalid(.badPattern)
        }
        return .valid(text.string)
    }
}
