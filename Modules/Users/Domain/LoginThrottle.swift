public import Foundation

/// Failed logins per email and per client address (ADR 14). After `maxFailures` failures for one email within
/// `window`, every further wrong password for it is `429` (so of any number of simultaneous guesses at most
/// `maxFailures` are told "wrong password"), and an address that itself failed `maxFailures` times is refused even
/// the right password. Another address still gets its password checked, so the owner is not locked out by a
/// stranger, until the email reaches `emailCeiling` failures from all addresses: then it is locked for everyone.
/// A lock lifts when enough failures have left the window. Unknown emails count too, so the answer never reveals
/// whether an address is registered.
public struct LoginThrottle: Sendable {
    /// One key's lock (`decide(failures:now:)`).
    public enum Decision: Sendable, Equatable {
        case allowed
        /// Refused; try again after this many whole seconds (≥ 1).
        case locked(retryAfterSeconds: Int)
    }

    /// Failures per email answered `401`, and per (email, client address) before that address is refused.
    public let maxFailures: Int
    /// Failures per email, from all addresses, before the email is refused to everyone.
    public let emailCeiling: Int
    public let window: TimeInterval

    public init(maxFailures: Int = 5, emailCeiling: Int = 50, window: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.emailCeiling = max(emailCeiling, maxFailures)
        self.window = window
    }

    /// The verdict on an attempt from `clientAddress`, given the email's failures (any order, any age, any address).
    public func verdict(for clientAddress: String, failures: [LoginFailure], now: Date) -> LoginVerdict {
        let recent = failures.filter { now.timeIntervalSince($0.at) < window }
        if case .locked(let seconds) = lock(recent.map(\.at), limit: emailCeiling, now: now) {
            return .refused(retryAfterSeconds: seconds)
        }
        let fromHere = recent.filter { $0.clientAddress == clientAddress }.map(\.at)
        if case .locked(let seconds) = lock(fromHere, limit: maxFailures, now: now) {
            return .refused(retryAfterSeconds: seconds)
        }
        switch lock(recent.map(\.at), limit: maxFailures, now: now) {
        case .allowed: return .check(onFailure: .invalidCredentials)
        case .locked(let seconds): return .check(onFailure: .tooManyAttempts(retryAfterSeconds: seconds))
        }
    }

    /// Decides from the failure times recorded for one key (any order, any age) against `maxFailures`.
    public func decide(failures: [Date], now: Date) -> Decision {
        lock(failures, limit: maxFailures, now: now)
    }

    private func lock(_ failures: [Date], limit: Int, now: Date) -> Decision {
        let recent = failures.filter { now.timeIntervalSince($0) < window }.sorted()
        guard recent.count >= limit else { return .allowed }
        // The lock lifts when enough failures have aged out to leave fewer than `limit` in the window.
        let unlocking = recent[recent.count - limit]
        let seconds = unlocking.addingTimeInterval(window).timeIntervalSince(now)
        return .locked(retryAfterSeconds: max(1, Int(seconds.rounded(.up))))
    }
}
