import COpenSSL

/// Comparisons whose running time does not depend on where the inputs differ (for MACs and signatures).
public enum ConstantTime {
    /// Whether `a` and `b` are equal; the length is not secret, the contents are.
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        if a.isEmpty { return true }
        return a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in CRYPTO_memcmp(pa.baseAddress, pb.baseAddress, pa.count) == 0 }
        }
    }
}
