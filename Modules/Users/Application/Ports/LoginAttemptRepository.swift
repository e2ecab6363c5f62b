public import Foundation

/// Failed logins per normalised email, shared by every process and kept across restarts.
public protocol LoginAttemptRepository: Sendable {
    /// Failure times for `email` since `since`.
    func failures(email: String, since: Date) async throws -> [Date]
    func recordFailure(email: String, at: Date) async throws
    func clearFailures(email: String) async throws
}
