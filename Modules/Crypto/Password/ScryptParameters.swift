/// A scrypt cost policy, with limits so that no stored hash can make us spend unbounded memory or time.
public struct ScryptParameters: Sendable, Hashable {
    /// log2 of the CPU/memory cost N (PHC `ln`).
    public let logN: Int
    /// Block size (PHC `r`).
    public let r: Int
    /// Parallelism (PHC `p`); OpenSSL computes the lanes one after another.
    public let p: Int
    /// Derived key bytes.
    public let keyLength: Int
    /// Random salt bytes for new hashes.
    public let saltLength: Int

    /// The production policy: N = 2^17, r = 8, p = 1, 32-byte key, 16-byte salt (~128 MiB, a few
    /// hundred milliseconds per hash).
    public static let recommended = ScryptParameters(checked: (17, 8, 1, 32, 16))

    /// Accepted `logN` (N up to 2^20). Memory and total work are bounded too: see `memoryBytes` and `maxWork`.
    public static let logNRange = 1...20
    /// Accepted `r`.
    public static let rRange = 1...32
    /// Accepted `p`.
    public static let pRange = 1...16
    /// Accepted derived key length in bytes.
    public static let keyLengthRange = 16...64
    /// Accepted salt length in bytes (PHC asks for at least 8; we make 16).
    public static let saltLengthRange = 8...64
    /// Upper bound on N·r·p: four times the recommended policy.
    public static let maxWork = 1 << 22

    /// A policy within the limits; throws `.invalidParameters` otherwise.
    public init(logN: Int, r: Int, p: Int, keyLength: Int = 32, saltLength: Int = 16) throws(PasswordHasherError) {
        guard Self.logNRange.contains(logN), Self.rRange.contains(r), Self.pRange.contains(p),
              Self.keyLengthRange.contains(keyLength), Self.saltLengthRange.contains(saltLength)
        else { throw .invalidParameters }
        self.init(checked: (logN, r, p, keyLength, saltLength))
        // The ranges above keep these products far from overflow. The memory bound is what OpenSSL
        // enforces (maxmem) and N < 2^(16r) is RFC 7914's own limit, so a policy accepted here is never
        // refused there.
        guard (1 << logN) * r * p <= Self.maxWork, UInt64(memoryBytes) <= Scrypt.maxMemory, logN < 16 * r
        else { throw .invalidParameters }
    }

    private init(checked: (Int, Int, Int, Int, Int)) {
        (logN, r, p, keyLength, saltLength) = checked
    }

    /// What OpenSSL allocates: 128·r·(N+2) for V plus 128·r·p for B.
    public var memoryBytes: Int { 128 * r * ((1 << logN) + 2) + 128 * r * p }

    /// Whether a hash made with these parameters is weaker than `policy` in any respect.
    public func isWeaker(than policy: ScryptParameters) -> Bool {
        logN < policy.logN || r < policy.r || p < policy.p || keyLength < policy.keyLength || saltLength < policy.saltLength
    }
}
