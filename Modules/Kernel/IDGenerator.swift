public import Foundation

/// New entity ids, as a capability: production makes UUID v7 from the clock, tests make predictable ones.
public struct IDGenerator: Sendable {
    /// Returns a new id.
    public var next: @Sendable () -> UUID

    public init(next: @escaping @Sendable () -> UUID) { self.next = next }

    /// UUID v7 stamped with `clock`'s time.
    public static func v7(clock: Clock = .system) -> IDGenerator {
        IDGenerator {
            var generator = SystemRandomNumberGenerator()
            return UUID.v7(at: clock.now(), using: &generator)
        }
    }
}
