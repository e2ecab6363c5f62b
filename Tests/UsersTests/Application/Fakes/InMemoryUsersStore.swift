import EventBus
import Foundation
import TestSupport
import UsersApplication
import UsersDomain

/// Everything the Users store keeps, as plain values.
struct UsersState: Sendable {
    var users: [UUID: User] = [:]
    var tokens: [UUID: RefreshToken] = [:]
    /// Failed logins per email, each under the attempt that recorded it.
    var failures: [String: [(attempt: UUID, failure: LoginFailure)]] = [:]
}

/// The Users store in memory (`InMemoryUnitOfWork`: transactions on a copy of the state, events after commit).
typealias InMemoryUsersStore = InMemoryUnitOfWork<UsersState, UsersRepositories>

extension InMemoryUnitOfWork<UsersState, UsersRepositories> {
    convenience init(bus: InMemoryEventBus = InMemoryEventBus()) {
        self.init(UsersState(), bus: bus) { scope in
            UsersRepositories(users: InMemoryUserRepository(box: scope.state), refreshTokens: InMemoryRefreshTokens(box: scope.state),
                              loginAttempts: InMemoryLoginAttempts(box: scope.state), audit: RecordedAuditTrail())
        }
    }
}
