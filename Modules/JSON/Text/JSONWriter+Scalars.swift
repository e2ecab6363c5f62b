import Foundation

extension JSONWriter {
    mutating func integer(_ number: Int64) {
        if number == 0 { bytes.append(0x30); return }
        var magnitude = number.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while magnitude > 0 {
                buffer[19 - count] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
                magnitude /= 10
                count += 1
            }
        }
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        withUnsafeBytes(of: &digits) { buffer in
            bytes.append(contentsOf: buffer[(20 - count)...])
        }
    }

    /// Writes a UUID as a quoted lower-case string (the API's ID format).
    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    mutating func uuid(_ uuid: UUID) {
        // Formatted in a fixed-size buffer (38 bytes with the quotes) and appended once.
        var text: (UInt64, UInt64, UInt64, UInt64, UInt32, UInt16) = (0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &text) { out in
            out[0] = UInt8(ascii: "\"")
            var index = 1
            withUnsafeBytes(of: uuid.uuid) { raw in
                for (i, byte) in raw.enumerated() {
                    if i == 4 || i == 6 || i == 8 || i == 10 {
                        out[index] = UInt8(ascii: "-")
                        index += 1
                    }
                    out[index] = Self.hex[Int(byte >> 4)]
                    out[index + 1] = Self.hex[Int(byte & 0xF)]
                    index += 2
                }
            }
            out[37] = UInt8(ascii: "\"")
        }
        withUnsafeBytes(of: &text) { bytes.append(contentsOf: $0) }
    }
}
