/// Validates header lines one by one and remembers the fields that decide framing and persistence.
struct FieldScan: Sendable {
    private var count = 0
    private var hostCount = 0
    private var contentLength: Int?
    private var duplicateContentLength = false
    private var transferEncoding = TransferCodings()
    private(set) var connectionClose = false
    private(set) var connectionKeepAlive = false
    private(set) var expectContinue = false

    /// Checks the header line `bytes[start..<end]` (no CRLF) and appends it; returns an error if it is refused.
    mutating func add(_ bytes: UnsafeRawBufferPointer, start: Int, end: Int, into headers: inout HTTPHeaders,
                      limits: HTTPParserLimits) -> HTTPParseError? {
        count &+= 1
        if count > limits.maxHeaderCount { return .headerFieldsTooLarge("Too many header fields.") }
        // A line starting with whitespace is obsolete line folding (or junk before the first field).
        var i = start
        while i < end, ASCII.isToken(bytes[i]) { i &+= 1 }
        guard i > start, i < end, bytes[i] == ASCII.colon else {
            return .badRequest("Malformed header field name.")
        }
        let name = start..<i
        i &+= 1
        while i < end, ASCII.isWhitespace(bytes[i]) { i &+= 1 }
        var valueEnd = end
        while valueEnd > i, ASCII.isWhitespace(bytes[valueEnd &- 1]) { valueEnd &-= 1 }
        let value = i..<valueEnd
        for index in value where !ASCII.isFieldValue(bytes[index]) {
            return .badRequest("Control character in a header field value.")
        }
        if let error = inspect(bytes, name: name, value: value) { return error }
        headers.fields.append((
            name: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[name]), as: UTF8.self),
            value: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[value]), as: UTF8.self)))
        return nil
    }

    private mutating func inspect(_ bytes: UnsafeRawBufferPointer, name: Range<Int>, value: Range<Int>) -> HTTPParseError? {
        switch name.count {
        case 4 where ASCII.equalsLowercase(bytes, name, "host"):
            hostCount &+= 1
        case 6 where ASCII.equalsLowercase(bytes, name, "expect"):
            if ASCII.equalsLowercase(bytes, value, "100-continue") { expectContinue = true }
        case 10 where ASCII.equalsLowercase(bytes, name, "connection"):
            forEachListElement(bytes, value) { element in
                if ASCII.equalsLowercase(bytes, element, "close") { connectionClose = true }
                if ASCII.equalsLowercase(bytes, element, "keep-alive") { connectionKeepAlive = true }
            }
        case 14 where ASCII.equalsLowercase(bytes, name, "content-length"):
            guard contentLength == nil else {
                duplicateContentLength = true
                return nil
            }
            guard let length = Self.decimal(bytes, value) else { return .badRequest("Invalid Content-Length.") }
            contentLength = length
        case 17 where ASCII.equalsLowercase(bytes, name, "transfer-encoding"):
            forEachListElement(bytes, value) { transferEncoding.add(bytes, $0) }
            transferEncoding.sawField = true
        default:
            break
        }
        return nil
    }

    /// Decides the body framing once every field is seen (RFC 9112 §6.1, §6.3).
    func finish(version: HTTPVersion, limits: HTTPParserLimits) -> Result<RequestHead.Framing, HTTPParseError> {
        if hostCount > 1 || (version == .http1_1 && hostCount == 0) {
            return .failure(.badRequest("Exactly one Host header field is required."))
        }
        if duplicateContentLength { return .failure(.badRequest("More than one Content-Length.")) }
        if transferEncoding.sawField {
            if contentLength != nil { return .failure(.badRequest("Both Content-Length and Transfer-Encoding.")) }
            if version == .http1_0 { return .failure(.badRequest("Transfer-Encoding in an HTTP/1.0 request.")) }
            if let error = transferEncoding.verdict() { return .failure(error) }
            return .success(.chunked)
        }
        guard let contentLength else { return .success(.none) }
        if contentLength > limits.maxBodyBytes { return .failure(.payloadTooLarge) }
        return .success(.length(contentLength))
    }

    /// 1 to 18 ASCII digits, nothing else (no sign, no hex, no list); nil otherwise.
    private static func decimal(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 18 else { return nil }
        var result = 0
        for index in range {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit <= 9 else { return nil }
            result = result &* 10 &+ Int(digit)
        }
        return result
    }

    /// Calls `body` with each non-empty element of a comma-separated list, OWS trimmed.
    private func forEachListElement(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ body: (Range<Int>) -> Void) {
        var start = range.lowerBound
        while start <= range.upperBound {
            var end = start
            while end < range.upperBound, bytes[end] != ASCII.comma { end &+= 1 }
            var lo = start, hi = end
            while lo < hi, ASCII.isWhitespace(bytes[lo]) { lo &+= 1 }
            while hi > lo, ASCII.isWhitespace(bytes[hi &- 1]) { hi &-= 1 }
            if lo < hi { body(lo..<hi) }
            start = end &+ 1
        }
    }
}
