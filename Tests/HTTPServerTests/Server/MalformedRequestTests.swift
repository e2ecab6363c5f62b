import TestSupport
import Testing
@testable import HTTPServer

/// One refused request: its bytes and the status it must get before the connection is closed.
struct Refusal: CustomTestStringConvertible, Sendable {
    let name: String
    let bytes: String
    let status: Int
    let code: String

    init(_ name: String, _ bytes: String, _ status: Int, _ code: String? = nil) {
        self.name = name
        self.bytes = bytes
        self.status = status
        self.code = code ?? [400: "bad_request", 414: "uri_too_long", 431: "header_fields_too_large", 413: "payload_too_large",
                             501: "not_implemented", 505: "http_version_not_supported"][status] ?? "?"
    }

    var testDescription: String { "\(name) → \(status)" }
}

private let get = "GET / HTTP/1.1\r\nHost: x\r\n"
private let post = "POST / HTTP/1.1\r\nHost: x\r\n"

/// RFC 9112 framing attacks and malformed input; every row is answered and the connection closed.
let refusals: [Refusal] = [
    Refusal("CL and TE", post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    Refusal("two equal CL", post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello", 400),
    Refusal("two differing CL", post + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!", 400),
    Refusal("CL list", post + "Content-Length: 5, 5\r\n\r\nhello", 400),
    Refusal("CL -1", post + "Content-Length: -1\r\n\r\n", 400),
    Refusal("CL +5", post + "Content-Length: +5\r\n\r\nhello", 400),
    Refusal("CL 5a", post + "Content-Length: 5a\r\n\r\nhello", 400),
    Refusal("CL 0x5", post + "Content-Length: 0x5\r\n\r\nhello", 400),
    Refusal("CL empty", post + "Content-Length: \r\n\r\n", 400),
    Refusal("CL 20 digits", post + "Content-Length: 12345678901234567890\r\n\r\n", 400),
    Refusal("TE gzip", post + "Transfer-Encoding: gzip\r\n\r\n", 400),
    Refusal("TE chunked, gzip", post + "Transfer-Encoding: chunked, gzip\r\n\r\n", 400),
    Refusal("TE chunked twice", post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n", 400),
    Refusal("TE gzip, chunked", post + "Transfer-Encoding: gzip, chunked\r\n\r\n", 501),
    Refusal("TE in HTTP/1.0", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400),
    Refusal("obs-fold", get + "X-A: 1\r\n continued\r\n\r\n", 400),
    Refusal("space before colon", get + "X-A : 1\r\n\r\n", 400),
    Refusal("whitespace before first header", "GET / HTTP/1.1\r\n Host: x\r\n\r\n", 400),
    Refusal("no Host in 1.1", "GET / HTTP/1.1\r\nX-A: 1\r\n\r\n", 400),
    Refusal("two Host", get + "Host: y\r\n\r\n", 400),
    Refusal("NUL in value", get + "X-A: a\u{0}b\r\n\r\n", 400),
    Refusal("bare CR in value", get + "X-A: a\rb\r\n\r\n", 400),
    Refusal("control char in value", get + "X-A: a\u{1}b\r\n\r\n", 400),
    Refusal("DEL in value", get + "X-A: a\u{7F}b\r\n\r\n", 400),
    Refusal("NUL in name", get + "X-\u{0}A: 1\r\n\r\n", 400),
    Refusal("invalid token char in name", get + "X(A): 1\r\n\r\n", 400),
    Refusal("empty name", get + ": 1\r\n\r\n", 400),
    Refusal("chunk size overflow", post + "Transfer-Encoding: chunked\r\n\r\nfffffffffffffffff\r\n", 400),
    Refusal("chunk size not hex", post + "Transfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n", 400),
    Refusal("chunk data without CRLF", post + "Transfer-Encoding: chunked\r\n\r\n2\r\nhello\r\n0\r\n\r\n", 400),
    Refusal("chunk size bare LF", post + "Transfer-Encoding: chunked\r\n\r\n5\nhello\r\n0\r\n\r\n", 400),
    Refusal("target too long", "GET /" + String(repeating: "a", count: 8200) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414),
    Refusal("target too long, unterminated", "GET /" + String(repeating: "a", count: 9000), 414),
    Refusal("header line too long", get + "X-A: " + String(repeating: "a", count: 8200) + "\r\n\r\n", 431),
    Refusal("header section too large", get + String(repeating: "X-Filler: " + String(repeating: "b", count: 1000) + "\r\n", count: 17) + "\r\n", 431),
    Refusal("too many fields", get + String(repeating: "X-A: 1\r\n", count: 101) + "\r\n", 431),
    Refusal("CL over the body limit", post + "Content-Length: 1048577\r\n\r\n", 413),
    Refusal("CL over the limit with Expect", post + "Content-Length: 2000000\r\nExpect: 100-continue\r\n\r\n", 413),
    Refusal("chunked over the limit", post + "Transfer-Encoding: chunked\r\n\r\n100000\r\n" + String(repeating: "c", count: 0x100000) + "\r\n1\r\nc\r\n0\r\n\r\n", 413),
    Refusal("HTTP/2.0", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505),
    Refusal("HTTP/3.0", "GET / HTTP/3.0\r\nHost: x\r\n\r\n", 505),
    Refusal("HTTP/1.1x", "GET / HTTP/1.1x\r\nHost: x\r\n\r\n", 400),
    Refusal("lower-case version", "GET / http/1.1\r\nHost: x\r\n\r\n", 400),
    Refusal("method with bad chars", "G@T / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    Refusal("absolute-form target", "GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    Refusal("asterisk for GET", "GET * HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    Refusal("bare LF line endings", "GET / HTTP/1.1\nHost: x\n\n", 400),
    Refusal("bare LF after headers", "GET / HTTP/1.1\r\nHost: x\r\n\n", 400),
    Refusal("two spaces in request line", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400),
    Refusal("space in target", "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n", 400),
]

@Suite("Malformed and smuggling requests")
struct MalformedRequestTests {
    @Test(arguments: refusals)
    func isAnsweredAndClosed(_ refusal: Refusal) async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send(refusal.bytes)
            let response = try #require(client.readResponse())
            #expect(response.status == refusal.status)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.header("Connection") == "close")
            #expect(response.bodyText.contains("\"code\":\"\(refusal.code)\""))
            #expect(response.header("X-Request-Id")?.utf8.count == 32)
            #expect(client.isClosed())
        }
    }

    @Test func tooLargeWithExpectSendsNoContinue() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send(post + "Content-Length: 2000000\r\nExpect: 100-continue\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 413)
        }
    }

    @Test func leadingEmptyLineIsIgnored() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send("\r\nGET /ok HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse()?.status == 200)
        }
    }

    @Test func limitsAreInclusive() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            let body = String(repeating: "d", count: 1024 * 1024)
            client.send(post + "Content-Length: \(body.utf8.count)\r\n" + String(repeating: "X-A: 1\r\n", count: 98) + "\r\n" + body)
            let response = try #require(client.readResponse())
            #expect(response.status == 200)
            #expect(response.body.count == body.utf8.count)
        }
    }
}
