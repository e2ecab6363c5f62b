public import Foundation

/// One refresh token of a login. Only its SHA-256 hash is stored; the tokens of one login form a family,
/// and presenting a spent token again is taken as theft: the whole family is revoked (RFC 9700 §4.14).
public struct RefreshToken: Sendable, Equatable {
    public let id: UUID
    public let familyID: UUID
    public let userID: UUID
    public let tokenHash: [UInt8]
    public let issuedAt: Date
    public let expiresAt: Date
    /// When it was exchanged for a new pair.
    public var spentAt: Date?
    /// When its family was revoked (logout, reuse, password change, user disabled).
    public var revokedAt: Date?

    public init(id: UUID, familyID: UUID, userID: UUID, tokenHash: [UInt8], issuedAt: Date, expiresAt: Date,
                spentAt: Date? = nil, revokedAt: Date? = nil) {
        self.id = id
        self.familyID = familyID
        self.userID = userID
        self.tokenHash = tokenHash
        self.issuedAt = issuedAt
        self.expiresAt = expiresAt
        self.spentAt = spentAt
        self.revokedAt = revokedAt
    }

    /// What presenting this token now means.
    public enum Presentation: Sendable, Equatable {
        /// Valid: spend it and issue the next one in the family.
        case exchange
        /// Already spent: a replay; revoke the family.
        case reuse
        /// Revoked or expired.
        case invalid
    }

    public func presented(at now: Date) -> Presentation {
        if revokedAt != nil { return .invalid }
        if spentAt != nil { return .reuse }
        if now >= expiresAt { return .invalid }
        return .exchange
    }
}
