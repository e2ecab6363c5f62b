/// The message as it crosses `DATA` (RFC 5321 §4.5.2, §4.5.3.1.6): every line end CRLF, a line starting with `.`
/// doubled, no line longer than 998 octets (a relay would cut it, so the message is refused here instead), and
/// the terminating `CRLF.CRLF`.
enum SMTPData {
    static let maximumLineLength = 998

    static func stuffed(_ message: [UInt8]) throws(SMTPError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(message.count + 64)
        var lineLength = 0
        var atLineStart = true
        var index = 0
        while index < message.count {
            let byte = message[index]
            index += 1
            if byte == UInt8(ascii: "\r"), index < message.count, message[index] == UInt8(ascii: "\n") { continue }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                out += [0x0D, 0x0A]
                lineLength = 0
                atLineStart = true
                continue
            }
            if atLineStart, byte == UInt8(ascii: ".") { out.append(byte) }
            atLineStart = false
            lineLength += 1
            if lineLength > maximumLineLength { throw .lineTooLong(lineLength + lineLengthRest(message, from: index)) }
            out.append(byte)
        }
        if !atLineStart { out += [0x0D, 0x0A] }
        out += Array(".\r\n".utf8)
        return out
    }

    /// How many more octets the line has after `index` (for the error's length).
    private static func lineLengthRest(_ message: [UInt8], from index: Int) -> Int {
        message[index...].prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }.count
    }
}
