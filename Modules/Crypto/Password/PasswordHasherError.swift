/// Why a password operation did not produce an answer. A wrong password is not an error: see
/// `PasswordVerification`.
public enum PasswordHasherError: Error, Sendable, Equatable {
    /// Too many hashes are already running or waiting; answer 503 (or 429) instead of queueing more.
    case busy
    /// The hasher's pool was shut down.
    case shutDown
    /// scrypt parameters outside the accepted limits (see `ScryptParameters`).
    case invalidParameters
    /// More than `PasswordHasher.maxPasswordBytes` UTF-8 bytes.
    case passwordTooLong
    /// OpenSSL refused the derivation (it only does so for parameters or memory it cannot honour).
    case derivationFailed
}

/// The outcome of checking a password against a stored hash.
public struct PasswordVerification: Sendable, Equatable {
    /// Whether the password matches.
    public let isValid: Bool
    /// True only when valid and the stored hash is weaker than the current policy: the caller should
    /// store `hash(password)` now that it has the plaintext.
    public let needsRehash: Bool

    /// A mismatch (or an unusable stored hash).
    public static let invalid = PasswordVerification(isValid: false, needsRehash: false)

    /// A result with both flags given.
    public init(isValid: Bool, needsRehash: Bool) {
        self.isValid = isValid
        self.needsRehash = isValid && needsRehash
    }
}
