internal import Kernel
internal import Foundation

/// timestamptz text conversion in UTC with microsecond precision, using civil-calendar arithmetic
/// (H. Hinnant's days-from-civil) instead of DateFormatter, which is slow and locale-sensitive.
enum PostgresTimestamp {
    private static let microsPerDay: Int64 = 86_400_000_000

    /// `YYYY-MM-DD HH:MM:SS.ffffff+00`; the session runs with TimeZone=UTC and DateStyle=ISO.
    static func appendText(_ date: Date, to buffer: inout [UInt8]) {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        var days = micros / microsPerDay
        var remainder = micros % microsPerDay
        if remainder < 0 {
            remainder += microsPerDay
            days -= 1
        }
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        let bc = year <= 0
        appendPadded(bc ? 1 - year : year, width: 4, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        appendPadded(month, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        appendPadded(day, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: " "))
        let seconds = remainder / 1_000_000
        appendPadded(seconds / 3600, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendPadded(seconds / 60 % 60, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendPadded(seconds % 60, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: "."))
        appendPadded(remainder % 1_000_000, width: 6, to: &buffer)
        buffer.append(contentsOf: "+00".utf8)
        if bc { buffer.append(contentsOf: " BC".utf8) }
    }

    /// Parses `YYYY-MM-DD[ HH:MM:SS[.f…]][±HH[:MM[:SS]]][ BC]`; a missing offset means UTC.
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Date? {
        var cursor = Cursor(text: text)
        guard var year = cursor.number(minDigits: 4, maxDigits: 9), cursor.skip("-"),
            let month = cursor.number(minDigits: 2, maxDigits: 2), cursor.skip("-"),
            let day = cursor.number(minDigits: 2, maxDigits: 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var micros: Int64 = 0
        if cursor.skip(" ") || cursor.skip("T") {
            guard let hour = cursor.number(minDigits: 2, maxDigits: 2), cursor.skip(":"),
                let minute = cursor.number(minDigits: 2, maxDigits: 2), cursor.skip(":"),
                let second = cursor.number(minDigits: 2, maxDigits: 2)
            else { return nil }
            micros = ((hour * 60 + minute) * 60 + second) * 1_000_000
            if cursor.skip(".") {
                var scale: Int64 = 100_000
                var digits = 0
                while let digit = cursor.digit() {
                    micros += digit * scale
                    scale /= 10
                    digits += 1
                }
                guard digits > 0 else { return nil }
            }
            if let sign = cursor.sign() {
                guard let offsetHours = cursor.number(minDigits: 2, maxDigits: 2) else { return nil }
                var offset = offsetHours * 3600
                if cursor.skip(":") {
                    guard let minutes = cursor.number(minDigits: 2, maxDigits: 2) else { return nil }
                    offset += minutes * 60
                    if cursor.skip(":") {
                        guard let seconds = cursor.number(minDigits: 2, maxDigits: 2) else { return nil }
                        offset += seconds
                    }
                }
                micros -= sign * offset * 1_000_000
            }
        }
        if cursor.skipWord(" BC") { year = 1 - year }
        guard cursor.atEnd else { return nil }
        let total = CivilCalendar.days(fromCivil: year, month, day) * microsPerDay + micros
        return Date(timeIntervalSince1970: Double(total) / 1_000_000)
    }

    private static func appendPadded(_ value: Int64, width: Int, to buffer: inout [UInt8]) {
        var digits = 1
        var limit: Int64 = 10
        while value >= limit, digits < 19 {
            digits += 1
            limit &*= 10
        }
        for _ in digits..<max(width, digits) { buffer.append(UInt8(ascii: "0")) }
        TextCodec.appendInteger(value, to: &buffer)
    }

    private struct Cursor {
        let text: UnsafeBufferPointer<UInt8>
        var index = 0

        var atEnd: Bool { index == text.count }

        mutating func digit() -> Int64? {
            guard index < text.count else { return nil }
            let value = text[index] &- UInt8(ascii: "0")
            guard value < 10 else { return nil }
            index += 1
            return Int64(value)
        }

        mutating func number(minDigits: Int, maxDigits: Int) -> Int64? {
            var value: Int64 = 0
            var count = 0
            while count < maxDigits, let digit = digit() {
                value = value * 10 + digit
                count += 1
            }
            return count >= minDigits ? value : nil
        }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < text.count, text[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func skipWord(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard text.count - index >= count else { return false }
            for offset in 0..<count where text[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        mutating func sign() -> Int64? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}
