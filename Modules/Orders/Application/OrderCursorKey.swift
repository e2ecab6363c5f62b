public import Foundation

/// How an order's place in the listing (creation time) is written into a cursor and read back by repositories:
/// integer microseconds since 1970, exact, unlike a `Double`.
public enum OrderCursorKey {
    public static func microseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    public static func wholeMicroseconds(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(microseconds(date)) / 1_000_000)
    }
}
