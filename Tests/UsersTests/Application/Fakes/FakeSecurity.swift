import Foundation
import Synchronization
import UsersApplication

/// Reversible stand-ins for scrypt and JWT: the use cases' logic, not the cryptography, is under test here.
final class FakePasswords: PasswordHashing {
    let dummyVerifications = Atomic<Int>(0)
    let verifications = Atomic<Int>(0)
    /// Hashes made with this prefix are reported as needing a rehash.
    let weakPrefix = "weak:"
    /// While set, verifications fail as when every hashing thread is taken.
    let busy = Atomic<Bool>(false)

    struct Busy: Error {}

    func hash(_ password: String) async throws -> String { "hash:" + password }

    func verify(_ password: String, against storedHash: String) async throws -> PasswordCheck {
        verifications.add(1, ordering: .relaxed)
        if busy.load(ordering: .relaxed) { throw Busy() }
        if storedHash.hasPrefix(weakPrefix) { return PasswordCheck(matches: storedHash == weakPrefix + password, needsRehash: true) }
        return PasswordCheck(matches: storedHash == "hash:" + password, needsRehash: false)
    }

    func verifyNothing(_ password: String) async throws { dummyVerifications.add(1, ordering: .relaxed) }
}

struct FakeAccessTokens: AccessTokens {
    struct Invalid: Error {}
    func issue(for userID: UUID) throws -> (token: String, expiresIn: Int) { ("at." + userID.uuidString.lowercased(), 900) }
    func verify(_ token: String) throws -> UUID {
        guard token.hasPrefix("at."), let id = UUID(uuidString: String(token.dropFirst(3))) else { throw Invalid() }
        return id
    }
}

final class FakeRefreshSecrets: RefreshTokenSecrets {
    private let counter = Atomic<Int>(0)
    func generate() -> String { "rt-\(counter.add(1, ordering: .relaxed).newValue)" }
    func hash(_ token: String) -> [UInt8] { Array(("h:" + token).utf8) }
}
