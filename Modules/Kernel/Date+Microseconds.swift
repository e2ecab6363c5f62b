public import Foundation

/// PostgreSQL keeps timestamps to the microsecond. Use cases round their clock to it, so what a write returns
/// equals what a later read returns; cursors carry the integer, exact where a `Double` of seconds is not.
extension Date {
    /// Whole microseconds since 1970, rounded.
    public var microsecondsSince1970: Int64 { Int64((timeIntervalSince1970 * 1_000_000).rounded()) }

    /// This instant rounded to the microsecond.
    public var roundedToMicroseconds: Date { Date(timeIntervalSince1970: Double(microsecondsSince1970) / 1_000_000) }
}
