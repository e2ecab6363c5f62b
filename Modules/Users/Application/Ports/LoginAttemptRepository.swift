public import Foundation
public import UsersDomain

/// Failed logins per normalised email and client address, shared by every process and kept across restarts.
/// An attempt is recorded as a failure before its password is checked (a reservation, ADR 14), and withdrawn or
/// cleared when the password turns out right.
public protocol LoginAttemptRepository: Sendable {
    /// The email's failures since `since`, from every address. Inside a transaction it first takes the email's lock,
    /// held until the transaction ends, so that concurrent attempts on one email (in any process) read the failures
    /// and record theirs one after the other.
    func lockFailures(email: String, since: Date) async throws -> [LoginFailure]
    /// Records `failure` for `email`, under `attempt` (so that it can be withdrawn).
    func recordFailure(email: String, _ failure: LoginFailure, attempt: UUID) async throws
    /// Removes the failure recorded under `attempt`, if any: the attempt was not a wrong password after all.
    func withdrawFailure(attempt: UUID) async throws
    /// Removes the email's failures from `clientAddress` (its owner logged in from there).
    func clearFailures(email: String, clientAddress: String) async throws
    /// Deletes, `batchSize` rows per statement, every failure recorded before `cutoff`; returns how many.
    func purgeFailures(before cutoff: Date, batchSize: Int) async throws -> Int
}
