public import Foundation
public import Kernel

/// A key's stored answer: the digest of the body it was first sent with, what it created and the exact response.
public struct IdempotencyRecord: Sendable, Equatable {
    public var userId: UUID
    public var key: IdempotencyKey
    public var requestDigest: [UInt8]
    /// What the first request created (an order, a refund).
    public var resourceId: UUID
    public var responseStatus: Int
    public var responseBody: [UInt8]
    public var createdAt: Date

    public init(userId: UUID, key: IdempotencyKey, requestDigest: [UInt8], resourceId: UUID, responseStatus: Int,
                responseBody: [UInt8], createdAt: Date) {
        self.userId = userId
        self.key = key
        self.requestDigest = requestDigest
        self.resourceId = resourceId
        self.responseStatus = responseStatus
        self.responseBody = responseBody
        self.createdAt = createdAt
    }

    /// This record answers a request with `digest` only if it is the same request (same body bytes):
    /// `422 idempotency_key_reused` otherwise.
    public func replaying(digest: [UInt8]) throws(DomainError) -> IdempotencyRecord {
        guard requestDigest == digest else { throw IdempotencyKey.reused }
        return self
    }
}

/// Idempotency keys of one context's creating route, per user. A record is only ever written in the transaction
/// that stores what it created, so a key never exists without its response (docs/adr/0011). Each context keeps
/// its keys in its own table; the PostgreSQL adapter is Outbox's `PostgresIdempotencyKeys`.
public protocol IdempotencyKeyRepository: Sendable {
    /// The record of `key` for `userId` created after `notBefore` (older ones count as gone).
    func record(userId: UUID, key: IdempotencyKey, notBefore: Date) async throws -> IdempotencyRecord?
    /// Claims `key` for `userId` until the surrounding transaction ends; false when another transaction holds
    /// it (a request with that key is in flight). Never waits.
    func claim(userId: UUID, key: IdempotencyKey) async throws -> Bool
    /// Stores `record`, replacing an expired record of the same key (created before `notBefore`).
    func insert(_ record: IdempotencyRecord, replacingBefore notBefore: Date) async throws
    /// Deletes records created before `cutoff`; returns how many.
    func purge(createdBefore cutoff: Date) async throws -> Int
}
