import Foundation
import Kernel
import Testing

@Suite("UUID v7")
struct UUIDv7Tests {
    @Test func carriesVersionVariantAndMilliseconds() {
        var generator = SystemRandomNumberGenerator()
        let date = Date(timeIntervalSince1970: 1_700_000_000.123)
        let id = UUID.v7(at: date, using: &generator)
        let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
        #expect(bytes[6] >> 4 == 7)
        #expect(bytes[8] >> 6 == 0b10)
        let millis = bytes[0..<6].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(millis == 1_700_000_000_123)
    }

    @Test func sortsByCreationTime() {
        var generator = SystemRandomNumberGenerator()
        let earlier = UUID.v7(at: Date(timeIntervalSince1970: 1_000), using: &generator)
        let later = UUID.v7(at: Date(timeIntervalSince1970: 1_001), using: &generator)
        #expect(earlier.lowercased < later.lowercased)
        #expect(earlier.lowercased == earlier.lowercased.lowercased())
    }

    @Test func generatorMakesDistinctIds() {
        let ids = IDGenerator.v7()
        let made = Set((0..<1000).map { _ in ids.next() })
        #expect(made.count == 1000)
    }
}
