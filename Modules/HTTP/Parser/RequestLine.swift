/// The request line: `method SP request-target SP HTTP-version` (RFC 9112 §3).
struct RequestLine: Sendable {
    var method: HTTPMethod
    var target: String
    var version: HTTPVersion

    /// Parses `bytes[start..<end]` (no CRLF). Unknown method tokens are `.unknown` (the router answers them), other majors `505`,
    /// anything malformed `400`.
    static func parse(_ bytes: UnsafeRawBufferPointer, start: Int, end: Int) -> Result<RequestLine, HTTPParseError> {
        var i = start
        while i < end, ASCII.isToken(bytes[i]) { i &+= 1 }
        guard i > start, i < end, bytes[i] == ASCII.space else { return .failure(.badRequest("Malformed request method.")) }
        let methodRange = start..<i
        i &+= 1
        let targetStart = i
        while i < end, bytes[i] > 0x20, bytes[i] < 0x7F { i &+= 1 }
        guard i > targetStart, i < end, bytes[i] == ASCII.space else { return .failure(.badRequest("Malformed request target.")) }
        let targetRange = targetStart..<i
        i &+= 1
        guard let version = parseVersion(bytes, i..<end) else { return .failure(.badRequest("Malformed HTTP version.")) }
        guard let knownVersion = version else { return .failure(.versionNotSupported) }
        let method = method(bytes, methodRange) ?? .unknown
        let isAsterisk = targetRange.count == 1 && bytes[targetStart] == UInt8(ascii: "*")
        guard bytes[targetStart] == UInt8(ascii: "/") || (isAsterisk && method == .options) else {
            return .failure(.badRequest("The request target must be origin-form (start with /)."))
        }
        let target = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[targetRange]), as: UTF8.self)
        return .success(RequestLine(method: method, target: target, version: knownVersion))
    }

    /// `HTTP/d.d`: nil if malformed, `.some(nil)` for a well-formed version we do not serve.
    /// A later HTTP/1 minor version is served as HTTP/1.1 (RFC 9110 §2.5).
    private static func parseVersion(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> HTTPVersion?? {
        guard range.count == 8, ASCII.equals(bytes, range.lowerBound..<(range.lowerBound &+ 5), "HTTP/") else { return nil }
        let major = bytes[range.lowerBound &+ 5], dot = bytes[range.lowerBound &+ 6], minor = bytes[range.lowerBound &+ 7]
        let digits = UInt8(ascii: "0")...UInt8(ascii: "9")
        guard digits.contains(major), dot == UInt8(ascii: "."), digits.contains(minor) else { return nil }
        guard major == UInt8(ascii: "1") else { return .some(nil) }
        return minor == UInt8(ascii: "0") ? .http1_0 : .http1_1
    }

    private static func method(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> HTTPMethod? {
        switch range.count {
        case 3:
            if ASCII.equals(bytes, range, "GET") { return .get }
            if ASCII.equals(bytes, range, "PUT") { return .put }
        case 4:
            if ASCII.equals(bytes, range, "POST") { return .post }
            if ASCII.equals(bytes, range, "HEAD") { return .head }
        case 5:
            if ASCII.equals(bytes, range, "PATCH") { return .patch }
            if ASCII.equals(bytes, range, "TRACE") { return .trace }
        case 6:
            if ASCII.equals(bytes, range, "DELETE") { return .delete }
        case 7:
            if ASCII.equals(bytes, range, "OPTIONS") { return .options }
            if ASCII.equals(bytes, range, "CONNECT") { return .connect }
        default:
            break
        }
        return nil
    }
}
