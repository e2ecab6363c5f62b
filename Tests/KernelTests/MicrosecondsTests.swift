import Foundation
import Kernel
import Testing

struct MicrosecondsTests {
    @Test func datesRoundToTheMicrosecondAndBackExactly() {
        let date = Date(timeIntervalSince1970: 1_795_000_000.123_456_7)
        #expect(date.microsecondsSince1970 == 1_795_000_000_123_457)
        #expect(date.roundedToMicroseconds.microsecondsSince1970 == 1_795_000_000_123_457)
        #expect(date.roundedToMicroseconds.roundedToMicroseconds == date.roundedToMicroseconds)
        #expect(Date(timeIntervalSince1970: -0.000_000_4).microsecondsSince1970 == 0)
    }
}
