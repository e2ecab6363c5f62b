public import Kernel

/// When a shipment batch is expected (its ETA), a civil date `YYYY-MM-DD`. A date in the past is allowed: the
/// ship is late or the goods are being unloaded; the batch stays a shipment, ordered by its date, until staff
/// book it as warehouse stock (docs/adr/0010-allocation-batches-and-concurrency.md).
public struct ArrivalDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    public let days: Int64

    public init(days: Int64) { self.days = days }

    /// Parses exactly `YYYY-MM-DD` (a real date, years 1970…9999); `422` (field `field`) otherwise.
    public init(_ text: String, field: String = "eta") throws(DomainError) {
        let bytes = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[range] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int64(byte - 48)
            }
            return value
        }
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              year >= 1970, (1...12).contains(month), (1...31).contains(day) else {
            throw .validation(field: field, message: "must be a date YYYY-MM-DD")
        }
        let days = CivilCalendar.days(fromCivil: year, month, day)
        // 2027-02-30 would roll over into March: refuse it rather than store another day.
        guard CivilCalendar.civil(fromDays: days) == (year, month, day) else {
            throw .validation(field: field, message: "must be a date YYYY-MM-DD")
        }
        self.days = days
    }

    /// `YYYY-MM-DD`.
    public var text: String {
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        func pad(_ value: Int64, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.days < rhs.days }

    public var description: String { text }
}
