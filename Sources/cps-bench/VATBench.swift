import CPSKit
import Foundation

/// R-VAT-1 over many mixed inputs of every country: `VATNumber.isValid` against python-stdnum 2.2
/// on the same inputs (`Scripts/bench_vat_stdnum.py`, in a subprocess that times its own loop).
enum VATBench {
    /// Known-valid numbers of every country form (from Tests/CPSKitTests/VAT/VATNumberTests.swift).
    static let valid = [
        "ATU13585627", "BE0776091951", "BG175074752", "CY10259033P", "CZ25123891", "CZ7103192745",
        "CZ640903926", "DE136695976", "DK13585628", "EE100931558", "EL094259216", "GR094012834",
        "ESA13585625", "ES54362315K", "ESX5253868R", "FI20774740", "FR40303265045", "FRK7399859412",
        "HR33392005961", "HU12892312", "IE6433435F", "IE8D79739I", "IE6433435OA", "IT00743110157",
        "LT119511515", "LU15027442", "LV40003521600", "MT11679112", "NL004495445B01", "PL8567346215",
        "PT501964843", "RO18547290", "SE556677889901", "SI50223054", "SK2022749619", "GB002425728",
        "GB980780684", "GBGD001", "GBHA500", "XI980780684", "NO917313008MVA", "CHE100155212MWST",
        "CHE100155212TVA", "CHE113690319IVA", "CHE113690319TPV",
    ]

    /// `count` deterministic inputs: valid numbers as written, lower-cased and spaced, with one digit
    /// changed (mostly a bad check digit), one digit short, and with an unknown prefix.
    static func inputs(_ count: Int) -> [String] {
        var generator = SplitMix(seed: 7)
        return (0..<count).map { index in
            let base = valid[index % valid.count]
            switch generator.next() % 5 {
            case 0: return base
            case 1:
                let prefixLength = base.hasPrefix("CHE") ? 3 : 2
                return base.prefix(prefixLength).lowercased() + " " + base.dropFirst(prefixLength)
            case 2:
                var characters = Array(base)
                if let position = characters.indices.dropFirst(2).filter({ characters[$0].isNumber }).last {
                    let digit = characters[position].wholeNumberValue ?? 0
                    characters[position] = Character(String((digit + 1 + Int(generator.next() % 8)) % 10))
                }
                return String(characters)
            case 3: return String(base.dropLast())
            default: return "US" + base.dropFirst(2)
            }
        }
    }

    static let workload = Workload(name: "vat-validation", targetRatio: 0.02) { context in
        let numbers = inputs(context.size(1_000_000, smoke: 2_000))
        let file = try context.directory("vat").appendingPathComponent("inputs.txt")
        try Data(numbers.joined(separator: "\n").utf8).write(to: file)
        var oursValid = 0
        var oursTimes: [Double] = []
        for _ in 0..<context.repetitions {
            oursTimes.append(Clock.time {
                var validCount = 0
                for number in numbers where VATNumber.isValid(number) { validCount += 1 }
                oursValid = validCount
            })
        }
        // Python is slow: its repetitions run inside one process, at most three.
        let result = try Python.run("bench_vat_stdnum.py", [file.path, String(min(context.repetitions, 3))], in: context)
        let baseline = try Python.medianSeconds(result)
        let peerValid = result["valid"] as? Int ?? -1
        guard peerValid == oursValid else {
            throw BenchFailure("ours accepted \(oursValid) numbers, python-stdnum \(peerValid)")
        }
        return Comparison(ours: Clock.median(oursTimes), baseline: baseline,
                          notes: ["inputs": String(numbers.count), "valid": String(oursValid)])
    }
}
