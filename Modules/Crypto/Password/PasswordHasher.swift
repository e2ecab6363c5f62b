import Foundation

/// Hashes and verifies passwords with scrypt (RFC 7914), storing PHC strings, with the work done on a
/// dedicated `PasswordHashingPool` and never on the caller's thread.
///
/// ```swift
/// let hasher = PasswordHasher()                                  // N = 2^17, r = 8, p = 1; 2 threads
/// let stored = try await hasher.hash(password)                   // "$scrypt$ln=17,r=8,p=1$…$…"
/// let result = try await hasher.verify(attempt, against: stored)
/// if result.isValid, result.needsRehash { save(try await hasher.hash(attempt)) }
/// _ = try await hasher.verifyUnknownUser(attempt)                // no such email: same cost, always invalid
/// ```
/// All methods throw `.busy` when the pool's queue is full (answer 503/429).
public final class PasswordHasher: Sendable {
    /// The policy for new hashes; stored hashes weaker than it verify with `needsRehash`.
    public let parameters: ScryptParameters
    /// The threads the work runs on (exposed for metrics and tests).
    public let pool: PasswordHashingPool
    /// Longer passwords are refused: scrypt's PBKDF2 pass is linear in the password length.
    public static let maxPasswordBytes = 1024

    private let ownsPool: Bool
    /// Salt for `verifyUnknownUser`; random per process since nothing is ever stored with it.
    private let dummySalt: [UInt8]

    /// A hasher with its own pool of `maxConcurrent` threads and room for `maxQueued` waiting jobs.
    /// Peak memory is about `maxConcurrent × parameters.memoryBytes` (2 × 128 MiB by default).
    public convenience init(parameters: ScryptParameters = .recommended, maxConcurrent: Int = 2, maxQueued: Int = 64) {
        self.init(parameters: parameters, pool: PasswordHashingPool(threadCount: maxConcurrent, maxQueued: maxQueued), ownsPool: true)
    }

    /// A hasher sharing `pool`, which the caller shuts down.
    public convenience init(parameters: ScryptParameters = .recommended, pool: PasswordHashingPool) {
        self.init(parameters: parameters, pool: pool, ownsPool: false)
    }

    private init(parameters: ScryptParameters, pool: PasswordHashingPool, ownsPool: Bool) {
        self.parameters = parameters
        self.pool = pool
        self.ownsPool = ownsPool
        dummySalt = SecureRandom.bytes(parameters.saltLength)
    }

    deinit {
        if ownsPool { pool.shutdown() }
    }

    /// A PHC string for `password` under the current policy with a fresh random salt.
    public func hash(_ password: String) async throws(PasswordHasherError) -> String {
        let bytes = try Self.passwordBytes(password)
        let parameters = parameters
        let salt = SecureRandom.bytes(parameters.saltLength)
        let key = try await derive(bytes, salt: salt, parameters: parameters)
        guard let hash = ScryptHash(parameters: parameters, salt: salt, key: key) else { throw .derivationFailed }
        return hash.phc
    }

    /// Whether `password` matches the stored PHC string, and whether that string should be upgraded.
    ///
    /// A malformed or out-of-limits stored string verifies as `.invalid` at once, without hashing: it
    /// is our own data, not the caller's, and must never cost unbounded memory. Keys are compared in
    /// constant time.
    public func verify(_ password: String, against phc: String) async throws(PasswordHasherError) -> PasswordVerification {
        guard let stored = ScryptHash(phc: phc), let bytes = try? Self.passwordBytes(password) else { return .invalid }
        let key = try await derive(bytes, salt: stored.salt, parameters: stored.parameters)
        return PasswordVerification(isValid: ConstantTime.equal(key, stored.key),
                                    needsRehash: stored.parameters.isWeaker(than: parameters))
    }

    /// Spends what verifying against a current-policy hash costs, then answers `.invalid`: call it
    /// when the email is unknown so that response time does not reveal which emails exist.
    public func verifyUnknownUser(_ password: String) async throws(PasswordHasherError) -> PasswordVerification {
        let bytes = (try? Self.passwordBytes(password)) ?? []
        let key = try await derive(bytes, salt: dummySalt, parameters: parameters)
        // Compare as a real verification would, so the two paths do the same work.
        _ = ConstantTime.equal(key, [UInt8](repeating: 0, count: key.count))
        return .invalid
    }

    private func derive(_ password: [UInt8], salt: [UInt8], parameters: ScryptParameters) async throws(PasswordHasherError) -> [UInt8] {
        let result = try await pool.run { () -> Result<[UInt8], PasswordHasherError> in
            Result { () throws(PasswordHasherError) in
                try Scrypt.deriveKey(password: password, salt: salt, n: 1 << UInt64(parameters.logN), r: UInt64(parameters.r),
                                     p: UInt64(parameters.p), length: parameters.keyLength)
            }
        }
        return try result.get()
    }

    /// The UTF-8 of the NFC form, so "é" typed as one scalar or as e + U+0301 is the same password.
    private static func passwordBytes(_ password: String) throws(PasswordHasherError) -> [UInt8] {
        // Refuse absurd inputs before normalizing them (NFC changes the length by a small factor at most).
        guard password.utf8.count <= 4 * maxPasswordBytes else { throw .passwordTooLong }
        let bytes = Array(password.precomposedStringWithCanonicalMapping.utf8)
        guard bytes.count <= maxPasswordBytes else { throw .passwordTooLong }
        return bytes
    }
}
