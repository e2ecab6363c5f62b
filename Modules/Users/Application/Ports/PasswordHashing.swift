/// Password hashing (scrypt in production). Slow on purpose; implementations run it off the request threads
/// and bound how many run at once.
public protocol PasswordHashing: Sendable {
    func hash(_ password: String) async throws -> String
    /// Whether `password` matches `storedHash`, and whether the hash should be redone at today's cost.
    func verify(_ password: String, against storedHash: String) async throws -> PasswordCheck
    /// Spends the time of a verification for an email that has no user, so timing does not reveal it.
    func verifyNothing(_ password: String) async throws
}

/// The result of checking a password.
public struct PasswordCheck: Sendable, Equatable {
    public var matches: Bool
    public var needsRehash: Bool
    public init(matches: Bool, needsRehash: Bool) {
        self.matches = matches
        self.needsRehash = needsRehash
    }
}
