internal import Foundation
import Kernel

/// Hand-written encoders and parsers for PostgreSQL's text format: these sit on the hot path of every row, so
/// they avoid Foundation formatters and intermediate Strings.
enum TextCodec {
    static func appendInteger(_ value: Int64, to buffer: inout [UInt8]) {
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = buffer.count
        repeat {
            buffer.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        buffer[start...].reverse()
    }

    static func doubleText(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return "\(value)"
    }

    static func appendUUID(_ uuid: UUID, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { buffer.append(UInt8(ascii: "-")) }
                buffer.append(HexDigit.lowercase[Int(byte >> 4)])
                buffer.append(HexDigit.lowercase[Int(byte & 0x0F)])
            }
        }
    }

    static func appendByteaHex(_ bytes: [UInt8], to buffer: inout [UInt8]) {
        buffer.reserveCapacity(buffer.count + 2 + bytes.count * 2)
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(UInt8(ascii: "x"))
        for byte in bytes {
            buffer.append(HexDigit.lowercase[Int(byte >> 4)])
            buffer.append(HexDigit.lowercase[Int(byte & 0x0F)])
        }
    }

    /// `{a,b,c}`; returns false when an element cannot be encoded.
    static func appendArray<T>(
        _ values: [T], to buffer: inout [UInt8], element: (T, inout [UInt8]) -> Bool
    ) -> Bool {
        buffer.append(UInt8(ascii: "{"))
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            guard element(value, &buffer) else { return false }
        }
        buffer.append(UInt8(ascii: "}"))
        return true
    }

    /// Always quoted so that empty strings, `NULL`, commas, braces and whitespace survive; `"` and `\` escaped.
    static func appendQuotedArrayElement(_ value: String?, to buffer: inout [UInt8]) -> Bool {
        guard let value else {
            buffer.append(contentsOf: "NULL".utf8)
            return true
        }
        buffer.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            if byte == 0 { return false }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { buffer.append(UInt8(ascii: "\\")) }
            buffer.append(byte)
        }
        buffer.append(UInt8(ascii: "\""))
        return true
    }

    // MARK: Parsers (nil means "not in the expected format").

    static func parseInteger(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if index < text.count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < text.count else { return nil }
        var magnitude: UInt64 = 0
        while index < text.count {
            let digit = text[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (times10, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(UInt64(digit))
            guard !overflow1, !overflow2 else { return nil }
            magnitude = sum
            index += 1
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    static func parseBool(_ text: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard text.count == 1 else { return nil }
        switch text[0] {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: return nil
        }
    }

    /// `uuid` text: the canonical `8-4-4-4-12` form PostgreSQL writes, read by the same rules as the API's ids.
    static func parseUUID(_ text: UnsafeBufferPointer<UInt8>) -> UUID? { UUIDText.parse(utf8: text) }

    /// bytea in the default `hex` output format: `\x0a1b…`.
    static func parseByteaHex(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x"), text.count % 2 == 0 else {
            return nil
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity((text.count - 2) / 2)
        var index = 2
        while index < text.count {
            guard let high = HexDigit.value(text[index]), let low = HexDigit.value(text[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
