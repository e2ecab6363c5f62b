import Testing
@testable import HTTPServer

/// Feeds `bytes` to a parser in pieces of `step` bytes (like a connection would) and collects what it reports.
private func parseAll(_ bytes: [UInt8], step: Int, limits: HTTPParserLimits = HTTPParserLimits()) -> [String] {
    var parser = HTTPRequestParser(limits: limits)
    var pending: [UInt8] = []
    var events: [String] = []
    var offset = 0
    while offset < bytes.count {
        let end = min(bytes.count, offset + step)
        pending.append(contentsOf: bytes[offset..<end])
        offset = end
        while true {
            let (consumed, event) = pending.withUnsafeBytes { parser.parse($0) }
            pending.removeFirst(consumed)
            switch event {
            case .needMore:
                if consumed == 0 || pending.isEmpty { break }
                continue
            case .expectContinue:
                events.append("100")
                continue
            case .request(let request, let keepAlive):
                events.append("\(request.method.rawValue) \(request.target) \(String(decoding: request.body, as: UTF8.self)) \(keepAlive)")
                continue
            case .failure(let error):
                events.append("error \(error.status.code)")
                return events
            }
            break
        }
    }
    return events
}

@Suite("Request parser")
struct ParserTests {
    static let stream = Array((
        "GET /a?x=1 HTTP/1.1\r\nHost: h\r\nX-Tab: a\tb  \r\n\r\n" +
        "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\nbody" +
        "PUT /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3;x=y\r\nabc\r\n2\r\nde\r\n0\r\nT: v\r\n\r\n" +
        "DELETE /d HTTP/1.0\r\n\r\n").utf8)

    @Test(arguments: 1...24)
    func splitsAnywhereGiveTheSameRequests(step: Int) {
        #expect(parseAll(Self.stream, step: step) == [
            "GET /a?x=1  true", "100", "POST /b body true", "PUT /c abcde true", "DELETE /d  false",
        ])
    }

    @Test func headerValuesAreTrimmedAndKeepInnerTabs() {
        var parser = HTTPRequestParser()
        let bytes = Array("GET / HTTP/1.1\r\nHost:  h \r\nX-Tab: a\tb\t\r\n\r\n".utf8)
        let (_, event) = bytes.withUnsafeBytes { parser.parse($0) }
        guard case .request(let request, _) = event else {
            Issue.record("no request: \(event)")
            return
        }
        #expect(request.headers["host"] == "h")
        #expect(request.headers["X-Tab"] == "a\tb")
    }

    @Test func anUnknownMethodTokenIsParsedForTheRouterToRefuse() {
        let bytes = Array("BREW /pot HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\ntea".utf8)
        #expect(parseAll(bytes, step: 2) == ["UNKNOWN /pot tea true"])
        #expect(parseAll(Array("G@T / HTTP/1.1\r\nHost: h\r\n\r\n".utf8), step: 5) == ["error 400"])
    }

    @Test func requestLineLimitIsExact() {
        var limits = HTTPParserLimits()
        limits.maxRequestLineBytes = 20
        let fits = Array("GET /123 HTTP/1.1\r\nHost: h\r\n\r\n".utf8)       // 17 bytes
        let exact = Array("GET /123456 HTTP/1.1\r\nHost: h\r\n\r\n".utf8)    // 20 bytes
        let over = Array("GET /1234567 HTTP/1.1\r\nHost: h\r\n\r\n".utf8)    // 21 bytes
        #expect(parseAll(fits, step: 3, limits: limits).first?.hasPrefix("GET") == true)
        #expect(parseAll(exact, step: 3, limits: limits).first?.hasPrefix("GET") == true)
        #expect(parseAll(over, step: 3, limits: limits) == ["error 414"])
    }

    @Test func randomBytesNeverCrashTheParser() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("GET POST HTTP/1.1 \r\n:;,0123456789abcdefABCDEF chunked Content-Length Transfer-Encoding Host \t\0\u{7F}".utf8)
        for _ in 0..<2000 {
            let count = Int.random(in: 0..<300, using: &generator)
            let bytes = (0..<count).map { _ in
                Bool.random(using: &generator) ? alphabet.randomElement(using: &generator)! : UInt8.random(in: 0...255, using: &generator)
            }
            _ = parseAll(bytes, step: Int.random(in: 1...40, using: &generator))
        }
    }
}
