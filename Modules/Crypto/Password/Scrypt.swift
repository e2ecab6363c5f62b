import COpenSSL

/// The scrypt key derivation function (RFC 7914) through OpenSSL's `EVP_PBE_scrypt`.
public enum Scrypt {
    /// OpenSSL's default ceiling (32 MiB) refuses N = 2^17, r = 8 (~128 MiB); this is what we allow.
    public static let maxMemory: UInt64 = 256 << 20

    /// `length` bytes derived from `password` and `salt` with cost `n` (a power of two > 1), block size
    /// `r` and parallelism `p`. This runs for as long as the parameters say, on the calling thread:
    /// call it through `PasswordHasher` from async code.
    ///
    /// Throws `.derivationFailed` when OpenSSL refuses the parameters, including when they would need
    /// more than `maxMemory` bytes (checked before anything is allocated).
    public static func deriveKey(password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64,
                                 length: Int, maxMemory: UInt64 = maxMemory) throws(PasswordHasherError) -> [UInt8] {
        guard length > 0, n > 1, n & (n - 1) == 0, r > 0, p > 0 else { throw .invalidParameters }
        var key = [UInt8](repeating: 0, count: length)
        // OpenSSL treats a NULL pointer with length 0 as empty, but not every version did; never pass NULL.
        let passwordLength = password.count, saltLength = salt.count
        let passwordBuffer = password.isEmpty ? [0] : password, saltBuffer = salt.isEmpty ? [0] : salt
        let ok = passwordBuffer.withUnsafeBufferPointer { pw in
            saltBuffer.withUnsafeBufferPointer { s in
                key.withUnsafeMutableBufferPointer { out in
                    pw.withMemoryRebound(to: CChar.self) { pwChars in
                        EVP_PBE_scrypt(pwChars.baseAddress, passwordLength, s.baseAddress, saltLength,
                                       n, r, p, maxMemory, out.baseAddress, out.count)
                    }
                }
            }
        }
        guard ok == 1 else {
            ERR_clear_error()  // don't leave the failure on this thread's error queue for an unrelated caller
            throw .derivationFailed
        }
        return key
    }
}
