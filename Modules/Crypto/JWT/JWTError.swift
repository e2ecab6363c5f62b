/// Why an access token was refused. Every case means "401 Unauthorized" to a client; the cases
/// exist for logs and metrics, and should not be echoed back in detail.
public enum JWTError: Error, Sendable, Equatable {
    /// Longer than `AccessTokenCodec.maxTokenLength`; refused before any other work.
    case tooLarge
    /// Not three segments of strict unpadded base64url holding JSON objects, or a header member
    /// we do not understand (including `crit`).
    case malformed
    /// A JSON object names the same member twice (after unescaping).
    case duplicateMember
    /// `alg` is anything but exactly `HS256` (`none`, `HS512`, `RS256`, `hs256`, …).
    case unsupportedAlgorithm
    /// `typ` is missing or not `at+jwt` / `application/at+jwt` (RFC 9068 §2.1).
    case wrongType
    /// `kid` is missing or names no configured key.
    case unknownKey
    /// The HMAC does not match.
    case badSignature
    /// A required claim is absent.
    case missingClaim(String)
    /// A claim has the wrong JSON type or an out-of-range value (e.g. a string or fractional `exp`).
    case invalidClaim(String)
    /// `exp` (plus leeway) has passed.
    case expired
    /// `nbf` (minus leeway) has not come yet.
    case notYetValid
    /// `iat` is more than the leeway ahead of our clock.
    case issuedInFuture
    /// `iss` is not ours.
    case wrongIssuer
    /// `aud` neither is nor contains ours.
    case wrongAudience
}

/// Why an `AccessTokenKey` or `AccessTokenCodec` could not be configured (a start-up error).
public enum AccessTokenConfigurationError: Error, Sendable, Equatable {
    /// HS256 keys shorter than the hash output weaken it (RFC 7518 §3.2); we require 32 bytes.
    case secretTooShort(minimum: Int, actual: Int)
    /// The leeway must be between 0 and 60 seconds.
    case leewayOutOfRange(Int)
    /// The lifetime must be between 1 second and 1 day.
    case timeToLiveOutOfRange(Int)
    /// Issuer and audience must be non-empty.
    case emptyIssuerOrAudience
}
