import CPSKit
import Testing

/// HMAC-SHA256 against RFC 4231 §4 and PBKDF2-HMAC-SHA256 against RFC 7914 §11 (R-ID-1).
@Suite("HMAC-SHA256 (RFC 4231) and PBKDF2-HMAC-SHA256 (RFC 7914 §11) vectors (R-ID-1)")
struct PasswordHashingVectorTests {
    static func bytes(_ hex: String) -> [UInt8] {
        var result: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            result.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return result
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() }

    @Test("R-ID-1: RFC 4231 test cases 1–4, 6 and 7 (keys of 4, 20, 25 and 131 bytes; data past one block)", arguments: [
        ([UInt8](repeating: 0x0b, count: 20), Array("Hi There".utf8),
         "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        (Array("Jefe".utf8), Array("what do ya want for nothing?".utf8),
         "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        ([UInt8](repeating: 0xaa, count: 20), [UInt8](repeating: 0xdd, count: 50),
         "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        ((1...25).map { UInt8($0) }, [UInt8](repeating: 0xcd, count: 50),
         "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        ([UInt8](repeating: 0xaa, count: 131), Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
         "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        ([UInt8](repeating: 0xaa, count: 131),
         Array("This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.".utf8),
         "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
    ])
    func hmac(_ key: [UInt8], _ data: [UInt8], _ mac: String) {
        #expect(Self.hex(HMACSHA256.authenticationCode(for: data, key: key)) == mac)
        let prepared = HMACSHA256(key: key)
        #expect(Self.hex(prepared.authenticationCode(for: data)) == mac, "the pad states are reusable")
        #expect(Self.hex(prepared.authenticationCode(for: data)) == mac)
    }

    @Test("R-ID-1: RFC 4231 test case 5, truncated to 128 bits")
    func hmacTruncated() {
        let mac = HMACSHA256.authenticationCode(for: Array("Test With Truncation".utf8), key: [UInt8](repeating: 0x0c, count: 20))
        #expect(Self.hex(Array(mac.prefix(16))) == "a3b6167473100ee06e0c796c2955552b")
    }

    @Test("R-ID-1: RFC 7914 §11, P = \"passwd\", S = \"salt\", c = 1, dkLen = 64 (two blocks)")
    func pbkdf2One() {
        let key = PBKDF2SHA256.derive(password: Array("passwd".utf8), salt: Array("salt".utf8), iterations: 1, length: 64)
        #expect(Self.hex(key) == "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }

    /// The vector's key is 64 bytes (two PBKDF2 blocks); the first block — the 32 bytes CPSKit
    /// stores — is derived once at 80,000 iterations (the c = 1 vector above covers the second block).
    @Test("R-ID-1: RFC 7914 §11, P = \"Password\", S = \"NaCl\", c = 80,000: the first 32 bytes, run once")
    func pbkdf2EightyThousand() {
        let key = PBKDF2SHA256.derive(password: Array("Password".utf8), salt: Array("NaCl".utf8), iterations: 80_000, length: 32)
        #expect(Self.hex(key) == "4ddcd8f60b98be21830cee5ef22701f9641a4418d04c0414aeff08876b34ab56")
    }

    @Test("R-ID-1: the value at a checkpoint is the derivation at that count (1, 2, 999, 1,000 of 1,000)",
          arguments: [1, 2, 999, 1_000])
    func checkpoint(_ at: Int) {
        let salt = Array("NaCl".utf8)
        let both = PBKDF2SHA256.derive(password: Array("Password".utf8), salt: salt, iterations: 1_000, checkpoint: at)
        #expect(both.final == PBKDF2SHA256.derive(password: Array("Password".utf8), salt: salt, iterations: 1_000))
        #expect(both.atCheckpoint == PBKDF2SHA256.derive(password: Array("Password".utf8), salt: salt, iterations: at))
        #expect(at == 1_000 || both.atCheckpoint != both.final)
    }

    @Test("R-ID-1: a key of exactly 64 bytes is used as is, of 65 bytes hashed first (RFC 2104 §3)")
    func keyLengthBoundary() {
        let sixtyFour = [UInt8](repeating: 0x61, count: 64), sixtyFive = [UInt8](repeating: 0x61, count: 65)
        let message = Array("m".utf8)
        #expect(HMACSHA256.authenticationCode(for: message, key: sixtyFive)
                == HMACSHA256.authenticationCode(for: message, key: SHA256.hash(sixtyFive)))
        #expect(HMACSHA256.authenticationCode(for: message, key: sixtyFour)
                != HMACSHA256.authenticationCode(for: message, key: SHA256.hash(sixtyFour)))
    }

    @Test("R-ID-1: constant-time comparison: equal, one bit apart, different lengths")
    func constantTime() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 2]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(ConstantTime.equals([], []))
    }
}
