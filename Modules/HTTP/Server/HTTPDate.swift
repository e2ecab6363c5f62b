import Glibc

/// The IMF-fixdate for the `Date` header (RFC 9110 §5.6.7), formatted by hand once per second per loop.
struct HTTPDate {
    private static let days: [StaticString] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months: [StaticString] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private var second: Int = -1
    /// `Date: <IMF-fixdate>\r\n`, ready to copy into a response.
    private(set) var headerLine: [UInt8] = []

    /// Refreshes the cached line if the wall-clock second changed.
    mutating func update(now: Int) {
        guard now != second else { return }
        second = now
        var time = time_t(now)
        var parts = tm()
        gmtime_r(&time, &parts)
        var line: [UInt8] = Array("Date: ".utf8)
        line.reserveCapacity(37)
        func text(_ s: StaticString) { line.append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount)) }
        func two(_ value: Int32) {
            line.append(UInt8(truncatingIfNeeded: 48 &+ (value / 10) % 10))
            line.append(UInt8(truncatingIfNeeded: 48 &+ value % 10))
        }
        text(Self.days[Int(parts.tm_wday) % 7]); text(", ")
        two(parts.tm_mday); text(" ")
        text(Self.months[Int(parts.tm_mon) % 12]); text(" ")
        let year = parts.tm_year &+ 1900
        two(year / 100); two(year % 100); text(" ")
        two(parts.tm_hour); text(":"); two(parts.tm_min); text(":"); two(parts.tm_sec)
        text(" GMT\r\n")
        headerLine = line
    }
}
