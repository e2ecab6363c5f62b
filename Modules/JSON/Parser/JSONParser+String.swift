import Kernel

extension JSONParser {
    /// Parses a string literal at `index` (which holds the opening quote).
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index
        index += 1
        let runStart = index
        // Fast path: no escapes, so the literal is one slice validated as UTF-8 in one step.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = try validated(bytes[runStart..<index], offset: runStart)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw JSONParseError("control character in string", offset: index) }
            index += 1
        }
        guard index < bytes.count else { throw JSONParseError("unterminated string", offset: start) }
        var buffer: [UInt8] = Array(bytes[runStart..<index])
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = try validated(buffer[...], offset: runStart)
                index += 1
                return text
            }
            if byte < 0x20 { throw JSONParseError("control character in string", offset: index) }
            if byte != UInt8(ascii: "\\") {
                buffer.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < bytes.count else { break }
            switch bytes[index] {
            case UInt8(ascii: "\""): buffer.append(0x22)
            case UInt8(ascii: "\\"): buffer.append(0x5C)
            case UInt8(ascii: "/"): buffer.append(0x2F)
            case UInt8(ascii: "b"): buffer.append(0x08)
            case UInt8(ascii: "f"): buffer.append(0x0C)
            case UInt8(ascii: "n"): buffer.append(0x0A)
            case UInt8(ascii: "r"): buffer.append(0x0D)
            case UInt8(ascii: "t"): buffer.append(0x09)
            case UInt8(ascii: "u"):
                let scalar = try parseUnicodeEscape()
                buffer.append(contentsOf: String(Character(scalar)).utf8)
                continue
            default: throw JSONParseError("invalid escape", offset: index - 1)
            }
            index += 1
        }
        throw JSONParseError("unterminated string", offset: start)
    }

    /// Reads `XXXX` after `\u` (index on the `u`), joining a surrogate pair; lone surrogates are errors.
    mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let escapeStart = index - 1
        index += 1
        let high = try hex4()
        if high >= 0xD800 && high <= 0xDBFF {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw JSONParseError("unpaired surrogate", offset: escapeStart)
            }
            index += 2
            let low = try hex4()
            guard low >= 0xDC00 && low <= 0xDFFF else { throw JSONParseError("unpaired surrogate", offset: escapeStart) }
            let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
            guard let scalar = Unicode.Scalar(value) else { throw JSONParseError("invalid escape", offset: escapeStart) }
            return scalar
        }
        guard let scalar = Unicode.Scalar(high) else { throw JSONParseError("unpaired surrogate", offset: escapeStart) }
        return scalar
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONParseError("invalid \\u escape", offset: index) }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = HexDigit.value(bytes[index]) else { throw JSONParseError("invalid \\u escape", offset: index) }
            value = value << 4 | UInt32(digit)
            index += 1
        }
        return value
    }

    func validated(_ slice: ArraySlice<UInt8>, offset: Int) throws(JSONParseError) -> String {
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw JSONParseError("invalid UTF-8", offset: offset)
        }
        return text
    }
}
