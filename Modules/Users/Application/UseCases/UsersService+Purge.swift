import EventBus
import Foundation
import Kernel
import UsersDomain

extension UsersService {
    /// How long an expired or revoked refresh token is kept: a day, so that one presented shortly after its end is
    /// still recognised (and logged) as such rather than as an unknown token.
    static let endedRefreshTokenRetention: TimeInterval = 24 * 60 * 60

    /// Deletes refresh tokens that expired or were revoked more than a day ago, `batchSize` rows per statement
    /// (the background job's work); returns how many.
    public func purgeEndedRefreshTokens(batchSize: Int = 1_000) async throws -> Int {
        try await store.refreshTokens.purge(endedBefore: clock.now().addingTimeInterval(-Self.endedRefreshTokenRetention),
                                            batchSize: batchSize)
    }

    /// Deletes failed logins older than the throttle's window, which no verdict reads any more, `batchSize` rows
    /// per statement (the background job's work); returns how many.
    public func purgeExpiredLoginFailures(batchSize: Int = 1_000) async throws -> Int {
        try await store.loginAttempts.purgeFailures(before: clock.now().addingTimeInterval(-throttle.window), batchSize: batchSize)
    }
}
