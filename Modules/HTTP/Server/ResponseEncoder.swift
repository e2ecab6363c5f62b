/// Serialises responses into a connection's output buffer: status line, the handler's headers,
/// then the headers the server owns (`Content-Length`, `Date`, `Connection`), then the body.
enum ResponseEncoder {
    /// Status lines for the common codes, built once.
    private static let statusLines: [[UInt8]] = (0..<600).map { code in
        Array("HTTP/1.1 \(code) \(HTTPStatus(code).reason)\r\n".utf8)
    }

    static let continueLine: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    /// Appends `response` to `out`. `isHead` drops the body but keeps its length; `close` adds `Connection: close`;
    /// `keepAlive10` adds `Connection: keep-alive` for an HTTP/1.0 client that asked for it.
    static func encode(_ response: HTTPResponse, isHead: Bool, close: Bool, keepAlive10: Bool,
                       date: [UInt8], into out: inout [UInt8]) {
        let code = response.status.code
        if code >= 100, code < 600 {
            out.append(contentsOf: statusLines[code])
        } else {
            out.append(contentsOf: "HTTP/1.1 \(code) Unknown\r\n".utf8)
        }
        for field in response.headers where !isServerOwned(field.name) {
            appendSanitised(field.name, to: &out)
            out.append(ASCII.colon)
            out.append(ASCII.space)
            appendSanitised(field.value, to: &out)
            out.append(ASCII.cr)
            out.append(ASCII.lf)
        }
        let bodyless = code < 200 || code == 204 || code == 304
        if !bodyless {
            appendLiteral("Content-Length: ", to: &out)
            appendDecimal(response.body.count, to: &out)
            out.append(ASCII.cr)
            out.append(ASCII.lf)
        }
        out.append(contentsOf: date)
        if close {
            appendLiteral("Connection: close\r\n", to: &out)
        } else if keepAlive10 {
            appendLiteral("Connection: keep-alive\r\n", to: &out)
        }
        out.append(ASCII.cr)
        out.append(ASCII.lf)
        if !bodyless, !isHead { out.append(contentsOf: response.body) }
    }

    /// Whether the handler asked to close the connection (`Connection: close`).
    static func asksToClose(_ response: HTTPResponse) -> Bool {
        guard let value = response.headers["Connection"] else { return false }
        return value.utf8.count == 5 && value.equalsIgnoringASCIICase("close")
    }

    private static func isServerOwned(_ name: String) -> Bool {
        switch name.utf8.count {
        case 4: name.equalsIgnoringASCIICase("date")
        case 10: name.equalsIgnoringASCIICase("connection") || name.equalsIgnoringASCIICase("keep-alive")
        case 14: name.equalsIgnoringASCIICase("content-length")
        case 17: name.equalsIgnoringASCIICase("transfer-encoding")
        default: false
        }
    }

    /// CR and LF are dropped so that no handler value can split the response.
    @inline(__always)
    private static func appendSanitised(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 where byte != ASCII.cr && byte != ASCII.lf { out.append(byte) }
    }

    @inline(__always)
    private static func appendLiteral(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        guard value > 0 else {
            out.append(UInt8(ascii: "0"))
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { buffer in
            var n = value, i = 20
            while n > 0, i > 0 {
                i &-= 1
                buffer[i] = UInt8(truncatingIfNeeded: 48 &+ n % 10)
                n /= 10
            }
            out.append(contentsOf: buffer[i...])
        }
    }
}
