public import Foundation
import JSON

/// The value of an application-defined claim. Kept to simple shapes so tokens stay small and the
/// verifier's parser stays flat.
public enum ClaimValue: Sendable, Hashable {
    /// A JSON string.
    case string(String)
    /// A JSON array of strings (e.g. scopes).
    case strings([String])
    /// A JSON integer.
    case integer(Int64)
    /// `true` or `false`.
    case bool(Bool)
}

/// The verified contents of an access token (RFC 7519 §4.1 registered claims plus extras).
public struct AccessTokenClaims: Sendable, Equatable {
    /// `sub`: the user id; never empty.
    public var subject: String
    /// `iss`: equals the codec's issuer once verified.
    public var issuer: String
    /// `aud`: one or more audiences; contains the codec's audience once verified.
    public var audience: [String]
    /// `iat`, whole seconds.
    public var issuedAt: Date
    /// `nbf`, whole seconds, when present.
    public var notBefore: Date?
    /// `exp`, whole seconds.
    public var expiresAt: Date
    /// `jti`: a random 128-bit id (22 base64url characters in tokens we issue); never empty.
    public var tokenID: String
    /// Other claims whose values fit `ClaimValue`; claims of other shapes are ignored (RFC 7519 §4).
    public var extra: [String: ClaimValue]

    /// Claim names the codec owns; `extra` may not use them.
    public static let registeredNames: Set<String> = ["sub", "iss", "aud", "iat", "nbf", "exp", "jti"]

    /// Claims with every field given.
    public init(subject: String, issuer: String, audience: [String], issuedAt: Date, notBefore: Date?,
                expiresAt: Date, tokenID: String, extra: [String: ClaimValue] = [:]) {
        self.subject = subject
        self.issuer = issuer
        self.audience = audience
        self.issuedAt = issuedAt
        self.notBefore = notBefore
        self.expiresAt = expiresAt
        self.tokenID = tokenID
        self.extra = extra
    }
}

/// A freshly signed token and what it says.
public struct IssuedAccessToken: Sendable, Equatable {
    /// The compact JWS: `header.payload.signature`.
    public let token: String
    /// The claims inside `token`.
    public let claims: AccessTokenClaims
    /// Seconds until `exp`, for the login response's `expiresIn`.
    public let expiresIn: Int
}

extension AccessTokenClaims {
    /// NumericDates we accept: 1970 to the end of year 9999, so arithmetic with the leeway cannot overflow.
    static let numericDateRange: ClosedRange<Int64> = 0...253_402_300_799

    /// The claims of a parsed payload; checks types and presence, not time, issuer or audience.
    init(parsing object: FlatJSONObject) throws(JWTError) {
        subject = try Self.nonEmptyString("sub", in: object)
        tokenID = try Self.nonEmptyString("jti", in: object)
        guard case .string(let issuer)? = object["iss"] else {
            throw object["iss"] == nil ? .missingClaim("iss") : .invalidClaim("iss")
        }
        self.issuer = issuer
        switch object["aud"] {
        case nil: throw .missingClaim("aud")
        case .string(let single)?: audience = [single]
        case .array(let values)?:
            var audience: [String] = []
            for value in values {
                guard case .string(let item) = value else { throw .invalidClaim("aud") }
                audience.append(item)
            }
            self.audience = audience
        default: throw .invalidClaim("aud")
        }
        guard let issuedAt = try Self.numericDate("iat", in: object) else { throw .missingClaim("iat") }
        guard let expiresAt = try Self.numericDate("exp", in: object) else { throw .missingClaim("exp") }
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        notBefore = try Self.numericDate("nbf", in: object)
        var extra: [String: ClaimValue] = [:]
        for member in object.members {
            switch member.name {
            case "sub", "iss", "aud", "iat", "nbf", "exp", "jti": continue  // registeredNames, without hashing
            default: if let claim = ClaimValue(member.value) { extra[member.name] = claim }
            }
        }
        self.extra = extra
    }

    private static func nonEmptyString(_ name: String, in object: FlatJSONObject) throws(JWTError) -> String {
        switch object[name] {
        case nil: throw .missingClaim(name)
        case .string(let value)? where !value.isEmpty: return value
        default: throw .invalidClaim(name)
        }
    }

    /// RFC 7519 allows fractional NumericDates; we issue whole seconds and accept only integer literals,
    /// so `1.5`, `1e9` and `"1700000000"` are all invalid.
    private static func numericDate(_ name: String, in object: FlatJSONObject) throws(JWTError) -> Date? {
        switch object[name] {
        case nil: return nil
        case .integer(let seconds)? where numericDateRange.contains(seconds):
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        default: throw .invalidClaim(name)
        }
    }
}

extension ClaimValue {
    /// The claim for a parsed JSON value, or nil for shapes we do not carry (null, fractions, mixed arrays).
    init?(_ value: FlatJSONValue) {
        switch value {
        case .string(let text): self = .string(text)
        case .integer(let number): self = .integer(number)
        case .bool(let flag): self = .bool(flag)
        case .array(let values):
            var strings: [String] = []
            for element in values {
                guard case .string(let text) = element else { return nil }
                strings.append(text)
            }
            self = .strings(strings)
        case .otherNumber, .null: return nil
        }
    }
}
