public import Foundation

/// The current time, as a capability: production reads the system clock, tests set it.
public struct Clock: Sendable {
    /// Returns "now".
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    /// The system clock.
    public static let system = Clock { Date() }

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> Clock { Clock { date } }
}
