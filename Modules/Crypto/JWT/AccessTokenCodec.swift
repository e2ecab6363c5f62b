import JSON
import Kernel
public import Foundation

/// Issues and verifies HS256 access tokens (RFC 7519 JWTs, typed `at+jwt` per RFC 9068), following
/// RFC 8725: one allowed algorithm, explicit typing, keys chosen only from configuration, and the
/// MAC checked before any claim is read.
///
/// ```swift
/// let codec = try AccessTokenCodec(currentKey: AccessTokenKey(secret: env["JWT_SECRET"]!))
/// let issued = try codec.issue(subject: user.id)        // issued.token, issued.expiresIn
/// let claims = try codec.verify(bearerToken)            // throws JWTError → 401
/// ```
public struct AccessTokenCodec: Sendable {
    /// Tokens longer than this many UTF-8 bytes are refused before any decoding.
    public static let maxTokenLength = 8192
    /// The `typ` we write; `application/at+jwt` is accepted too (RFC 9068 §2.1).
    public static let tokenType = "at+jwt"

    /// The `iss` written and required.
    public let issuer: String
    /// The `aud` written and required (as the value or among the values).
    public let audience: String
    /// Seconds from `iat` to `exp`.
    public let timeToLive: Int
    /// Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds.
    public let leeway: Int
    /// The `kid` of the key new tokens are signed with.
    public var currentKeyID: String { signingKey.id }

    private let signingKey: AccessTokenKey
    /// The current key first, then the previous ones (verification only).
    private let verificationKeys: [AccessTokenKey]
    /// `base64url(header) + "."`, fixed per signing key.
    private let headerPrefix: [UInt8]
    private let now: @Sendable () -> Date

    /// A codec signing with `currentKey` and also accepting tokens signed with `previousKeys`.
    ///
    /// - Parameters:
    ///   - timeToLive: access token lifetime in seconds (1...86,400; `ACCESS_TOKEN_TTL`, default 900).
    ///   - leeway: clock skew allowance in seconds (0...60; `JWT_LEEWAY_SECONDS`, default 0: a token is refused
    ///     from the second its `exp` names, as the contract says).
    ///   - now: the clock; inject a fixed one in tests.
    public init(currentKey: AccessTokenKey, previousKeys: [AccessTokenKey] = [], issuer: String = "wharf",
                audience: String = "wharf", timeToLive: Int = 900, leeway: Int = 0,
                now: @escaping @Sendable () -> Date = { Date() }) throws(AccessTokenConfigurationError) {
        guard (0...60).contains(leeway) else { throw .leewayOutOfRange(leeway) }
        guard (1...86_400).contains(timeToLive) else { throw .timeToLiveOutOfRange(timeToLive) }
        guard !issuer.isEmpty, !audience.isEmpty else { throw .emptyIssuerOrAudience }
        self.issuer = issuer
        self.audience = audience
        self.timeToLive = timeToLive
        self.leeway = leeway
        self.now = now
        signingKey = currentKey
        verificationKeys = [currentKey] + previousKeys.filter { $0.id != currentKey.id }
        var header = JSONObjectWriter()
        header.member("alg", "HS256")
        header.member("typ", Self.tokenType)
        header.member("kid", currentKey.id)
        headerPrefix = Array(Base64NoPadding.url.encode(header.finish()).utf8) + [UInt8(ascii: ".")]
    }

    /// Signs a token for `subject` valid from now for `timeToLive` seconds, with a fresh random `jti`.
    ///
    /// Throws `.invalidClaim` for an empty subject, an extra claim that reuses a registered name, or a
    /// clock outside 1970…9999.
    public func issue(subject: String, extraClaims: [String: ClaimValue] = [:]) throws(JWTError) -> IssuedAccessToken {
        guard !subject.isEmpty else { throw .invalidClaim("sub") }
        for name in extraClaims.keys where AccessTokenClaims.registeredNames.contains(name) { throw .invalidClaim(name) }
        // A clock outside 1970…9999 (or NaN) is a configuration bug; refuse rather than trap on conversion.
        let seconds = now().timeIntervalSince1970.rounded(.down)
        guard seconds >= 0, seconds + Double(timeToLive) <= Double(AccessTokenClaims.numericDateRange.upperBound) else {
            throw .invalidClaim("iat")
        }
        let issuedAt = Int64(seconds)
        let expiresAt = issuedAt + Int64(timeToLive)
        let tokenID = Base64NoPadding.url.encode(SecureRandom.bytes(16))
        var payload = JSONObjectWriter()
        payload.member("sub", subject)
        payload.member("iss", issuer)
        payload.member("aud", audience)
        payload.member("iat", issuedAt)
        payload.member("nbf", issuedAt)
        payload.member("exp", expiresAt)
        payload.member("jti", tokenID)
        for name in extraClaims.keys.sorted() {
            if let value = extraClaims[name] { payload.member(name, value) }
        }
        var signingInput = headerPrefix
        signingInput.append(contentsOf: Base64NoPadding.url.encode(payload.finish()).utf8)
        let signature = HMACSHA256.mac(key: signingKey.secret, message: signingInput)
        let token = String(decoding: signingInput, as: UTF8.self) + "." + Base64NoPadding.url.encode(signature)
        let claims = AccessTokenClaims(
            subject: subject, issuer: issuer, audience: [audience],
            issuedAt: Date(timeIntervalSince1970: TimeInterval(issuedAt)),
            notBefore: Date(timeIntervalSince1970: TimeInterval(issuedAt)),
            expiresAt: Date(timeIntervalSince1970: TimeInterval(expiresAt)), tokenID: tokenID, extra: extraClaims)
        return IssuedAccessToken(token: token, claims: claims, expiresIn: timeToLive)
    }

    /// The claims of `token` if it is well-formed, HS256-signed by a configured key, typed `at+jwt`,
    /// currently valid, and for our issuer and audience; otherwise the first reason it is not.
    /// Never traps, whatever the input.
    public func verify(_ token: String) throws(JWTError) -> AccessTokenClaims {
        guard token.utf8.count <= Self.maxTokenLength else { throw .tooLarge }
        var token = token
        // withUTF8 gives the bytes without copying for native strings; it only rethrows untyped errors.
        return try token.withUTF8 { bytes in
            Result { () throws(JWTError) -> AccessTokenClaims in try verify(utf8: bytes) }
        }.get()
    }

    private func verify(utf8 token: UnsafeBufferPointer<UInt8>) throws(JWTError) -> AccessTokenClaims {
        guard let firstDot = token.firstIndex(of: UInt8(ascii: ".")),
              let secondDot = token[(firstDot + 1)...].firstIndex(of: UInt8(ascii: ".")),
              !token[(secondDot + 1)...].contains(UInt8(ascii: "."))
        else { throw .malformed }

        guard let headerJSON = Base64NoPadding.url.decode(token[..<firstDot]) else { throw .malformed }
        let key = try keyForHeader(FlatJSONObject.parse(segment: headerJSON))

        // HMAC-SHA256 is 32 bytes: 43 base64url characters. Check the MAC before reading any claim.
        let signatureText = token[(secondDot + 1)...]
        guard signatureText.count == 43, let signature = Base64NoPadding.url.decode(signatureText) else { throw .malformed }
        let expected = HMACSHA256.mac(key: key.secret, message: token[..<secondDot])
        guard ConstantTime.equal(expected, signature) else { throw .badSignature }

        guard let payloadJSON = Base64NoPadding.url.decode(token[(firstDot + 1)..<secondDot]) else { throw .malformed }
        let claims = try AccessTokenClaims(parsing: FlatJSONObject.parse(segment: payloadJSON))
        try validate(claims)
        return claims
    }

    /// Checks the JOSE header and picks the key; only `alg`, `typ` and `kid` are understood, and an
    /// unknown member (notably `crit`, `jku`, `jwk`, `x5u`) makes the token malformed.
    private func keyForHeader(_ header: FlatJSONObject) throws(JWTError) -> AccessTokenKey {
        guard case .string("HS256")? = header["alg"] else { throw .unsupportedAlgorithm }
        switch header["typ"] {
        case .string("at+jwt")?, .string("application/at+jwt")?: break
        default: throw .wrongType
        }
        guard case .string(let kid)? = header["kid"] else { throw .unknownKey }
        for member in header.members where member.name != "alg" && member.name != "typ" && member.name != "kid" {
            throw .malformed
        }
        for key in verificationKeys where key.id == kid { return key }
        throw .unknownKey
    }

    private func validate(_ claims: AccessTokenClaims) throws(JWTError) {
        let now = now().timeIntervalSince1970
        let leeway = TimeInterval(leeway)
        guard now < claims.expiresAt.timeIntervalSince1970 + leeway else { throw .expired }
        if let notBefore = claims.notBefore, now + leeway < notBefore.timeIntervalSince1970 { throw .notYetValid }
        guard claims.issuedAt.timeIntervalSince1970 <= now + leeway else { throw .issuedInFuture }
        guard claims.issuer == issuer else { throw .wrongIssuer }
        guard claims.audience.contains(audience) else { throw .wrongAudience }
    }
}
