import EventBus
import Foundation
import Kernel
import Logging
import Synchronization
import TestSupport
import UsersApplication
import UsersContracts
import UsersDomain

/// A `UsersService` over in-memory adapters with a clock the test moves.
struct UsersFixture {
    let store: InMemoryUsersStore
    let passwords = FakePasswords()
    let service: UsersService

    final class Time: Sendable {
        let now = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    }

    let clockTime = Time()

    init() {
        let bus = InMemoryEventBus()
        store = InMemoryUsersStore(bus: bus)
        let clockTime = self.clockTime
        service = UsersService(
            store: store, passwords: passwords, accessTokens: FakeAccessTokens(), refreshSecrets: FakeRefreshSecrets(),
            cursors: CursorCodec { Array("mac".utf8) + $0.suffix(16) }, refreshTokenLifetime: 3600,
            clock: Clock { clockTime.now.withLock { $0 } }, logger: Logger(label: "test", minimumLevel: .error, sink: { _ in }))
    }

    func advance(_ seconds: TimeInterval) { clockTime.now.withLock { $0 = $0.addingTimeInterval(seconds) } }

    var bus: InMemoryEventBus { store.bus }

    /// Registers a user and, when `roles` differ from customer, sets them directly in the store.
    @discardableResult
    func user(_ email: String, password: String = "password1", roles: [String] = ["customer"]) async throws -> UserDTO {
        let registered = try await service.register(RegisterUser(email: email, password: password, name: "N"))
        if roles != ["customer"] {
            try await store.transaction { tx in
                guard var user = try await tx.users.user(id: registered.id) else { return }
                _ = try user.apply(.init(roles: try .init(names: roles)), by: UUID(), at: Date())
                try await tx.users.update(user)
            }
        }
        return try await service.user(Principal(userID: UUID(), roles: [.admin]), id: registered.id)
    }

    func principal(_ user: UserDTO) -> Principal {
        Principal(userID: user.id, roles: Set(user.roles.compactMap(Principal.Role.init(rawValue:))))
    }
}

extension UsersService {
    /// A login from one fixed client address, as most tests need; the throttling tests name their addresses.
    func logIn(_ command: LogIn) async throws -> TokenPairDTO { try await logIn(command, from: UsersFixture.address) }
}

extension UsersFixture {
    /// The client address of `logIn(_:)` without one.
    static let address = "192.0.2.1"
}
