public import Foundation

/// Failed logins per email: after `maxFailures` within `window`, further attempts are refused until the oldest
/// of those failures leaves the window, even with the right password. Counts for unknown emails too, so the
/// answer never reveals whether an address is registered.
public struct LoginThrottle: Sendable {
    public enum Decision: Sendable, Equatable {
        case allowed
        /// Refused; try again after this many whole seconds (≥ 1).
        case locked(retryAfterSeconds: Int)
    }

    public let maxFailures: Int
    public let window: TimeInterval

    public init(maxFailures: Int = 5, window: TimeInterval = 15 * 60) {
        self.maxFailures = maxFailures
        self.window = window
    }

    /// Decides from the failure times recorded for one email (any order, any age).
    public func decide(failures: [Date], now: Date) -> Decision {
        let recent = failures.filter { now.timeIntervalSince($0) < window }.sorted()
        guard recent.count >= maxFailures else { return .allowed }
        // The lock lifts when enough failures have aged out to leave fewer than `maxFailures` in the window.
        let unlocking = recent[recent.count - maxFailures]
        let seconds = unlocking.addingTimeInterval(window).timeIntervalSince(now)
        return .locked(retryAfterSeconds: max(1, Int(seconds.rounded(.up))))
    }
}
