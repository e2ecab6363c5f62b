public import Foundation
public import UsersDomain

/// Refresh tokens by hash, grouped in families (one per login).
public protocol RefreshTokenRepository: Sendable {
    func insert(_ token: RefreshToken) async throws
    /// The token with this hash, locked until the transaction ends so two refreshes of it serialise.
    func tokenForUpdate(hash: [UInt8]) async throws -> RefreshToken?
    func markSpent(id: UUID, at: Date) async throws
    func revokeFamily(_ familyID: UUID, at: Date) async throws
    func revokeAll(userID: UUID, at: Date) async throws
    /// Deletes, `batchSize` rows per statement, the tokens that expired or were revoked before `cutoff`; returns how many.
    func purge(endedBefore cutoff: Date, batchSize: Int) async throws -> Int
}
