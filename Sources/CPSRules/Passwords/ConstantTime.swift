/// Compares two byte strings in time that depends only on their lengths (R-PWD-2, R-ID-1).
public enum ConstantTime {
    /// Whether `a` and `b` are equal, without an early exit on the first difference.
    public static func equals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<a.count { difference |= a[i] ^ b[i] }
        return difference == 0
    }
}
