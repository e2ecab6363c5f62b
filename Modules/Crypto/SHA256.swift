import COpenSSL

/// SHA-256 (FIPS 180-4) through OpenSSL's EVP interface.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        let input = Array(bytes)
        var out = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = input.withUnsafeBytes { inBuffer in
            out.withUnsafeMutableBytes { outBuffer in
                EVP_Digest(inBuffer.baseAddress, inBuffer.count, outBuffer.baseAddress?.assumingMemoryBound(to: UInt8.self),
                           &length, EVP_sha256(), nil)
            }
        }
        // EVP_Digest fails only on allocation failure inside OpenSSL, which we cannot recover from anyway.
        precondition(ok == 1 && length == 32, "EVP_Digest(SHA-256) failed")
        return out
    }

    /// The digest as 64 lower-case hex digits.
    public static func hexDigest(_ bytes: some Collection<UInt8>) -> String { Hex.encode(digest(bytes)) }
}
