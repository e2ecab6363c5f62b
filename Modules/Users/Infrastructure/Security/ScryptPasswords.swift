import Crypto
import Kernel
import UsersApplication

/// `PasswordHashing` with scrypt through OpenSSL, on the hasher's own bounded thread pool.
struct ScryptPasswords: PasswordHashing {
    let hasher: PasswordHasher

    func hash(_ password: String) async throws -> String {
        do { return try await hasher.hash(password) } catch { throw Self.translate(error) }
    }

    func verify(_ password: String, against storedHash: String) async throws -> PasswordCheck {
        do {
            let result = try await hasher.verify(password, against: storedHash)
            return PasswordCheck(matches: result.isValid, needsRehash: result.needsRehash)
        } catch .passwordTooLong {
            return PasswordCheck(matches: false, needsRehash: false) // longer than any password we accept
        } catch { throw Self.translate(error) }
    }

    func verifyNothing(_ password: String) async throws {
        do { _ = try await hasher.verifyUnknownUser(password) } catch .passwordTooLong {
            return // refused without hashing for known emails too, so timing reveals nothing
        } catch { throw Self.translate(error) }
    }

    /// A full queue means a login flood: the caller should come back later rather than wait unboundedly.
    static func translate(_ error: PasswordHasherError) -> any Error {
        if case .busy = error {
            return DomainError(.rateLimited(retryAfterSeconds: 1), code: "too_many_requests",
                               message: "the server is busy checking passwords; retry shortly")
        }
        return error
    }
}
