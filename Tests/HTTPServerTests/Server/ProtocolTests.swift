import TestSupport
import Testing
@testable import HTTPServer

@Suite("HTTP/1.1 protocol behaviour")
struct ProtocolTests {
    @Test func keepAliveServesTwoRequestsOnOneConnection() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = try #require(client.readResponse())
            #expect(first.status == 200)
            #expect(first.bodyText == #"{"status":"ok"}"#)
            #expect(first.header("Content-Length") == "15")
            #expect(first.header("Content-Type") == "application/json")
            #expect(first.header("Connection") == nil)
            client.send("GET /again HTTP/1.1\r\nHost: x\r\n\r\n")
            let second = try #require(client.readResponse())
            #expect(second.header("X-Target") == "/again")
        }
    }

    @Test func theServerTakesThePeerAddressAtAccept() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            for _ in 0..<2 {
                client.send("GET /peer HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.9\r\n\r\n")
                #expect(client.readResponse()?.bodyText == "127.0.0.1")
            }
        }
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send("GET /one HTTP/1.1\r\nHost: x\r\n\r\nPOST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabcGET /three HTTP/1.1\r\nHost: x\r\n\r\n")
            let targets = (0..<3).map { _ in client.readResponse()?.header("X-Target") }
            #expect(targets == ["/one", "/two", "/three"])
        }
    }

    @Test func http10ClosesByDefault() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send("GET /a HTTP/1.0\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 200)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosed())
        }
    }

    @Test func http10KeepAliveOnRequest() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send("GET /a HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let first = try #require(client.readResponse())
            #expect(first.header("Connection") == "keep-alive")
            client.send("GET /b HTTP/1.0\r\n\r\n")
            let second = try #require(client.readResponse())
            #expect(second.header("X-Target") == "/b")
            #expect(client.isClosed())
        }
    }

    @Test func connectionCloseIsHonouredAndEchoed() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send("GET /a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 200)
            #expect(response.header("Connection") == "close")
            #expect(client.isClosed())
        }
    }

    @Test func handlerAskingToCloseClosesTheConnection() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send("GET /close HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.header("Connection") == "close")
            #expect(client.isClosed())
        }
    }

    @Test func expectContinueGetsContinueThenTheResponse() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
            let interim = try #require(client.readResponse())
            #expect(interim.status == 100)
            client.send("hello")
            let final = try #require(client.readResponse())
            #expect(final.status == 200)
            #expect(final.bodyText == "hello")
        }
    }

    @Test func chunkedBodySplitAcrossWritesIsReassembled() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            let parts = ["POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r", "\nhel", "lo\r\n6;ext=1\r\n wor",
                         "ld\r\n0\r\nX-Trailer: yes\r", "\n\r", "\n"]
            for part in parts {
                client.send(part)
                try await Task.sleep(for: .milliseconds(5))  // only to make separate segments likely; correctness does not depend on it
            }
            let response = try #require(client.readResponse())
            #expect(response.status == 200)
            #expect(response.bodyText == "hello world")
        }
    }

    @Test func headHasContentLengthButNoBody() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send("HEAD /health/live HTTP/1.1\r\nHost: x\r\n\r\nGET /next HTTP/1.1\r\nHost: x\r\n\r\n")
            let head = try #require(client.readResponse(head: true))
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == "15")
            // The next response starts right after the head: no body bytes were sent.
            let next = try #require(client.readResponse())
            #expect(next.header("X-Target") == "/next")
        }
    }

    @Test func noContentHasNoContentLength() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send("GET /empty HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = try #require(client.readResponse())
            #expect(response.status == 204)
            #expect(response.header("Content-Length") == nil)
        }
    }

    @Test func dateHeaderIsIMFFixdate() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            let date = try #require(client.readResponse()?.header("Date"))
            #expect(date.utf8.count == 29)
            #expect(date.hasSuffix(" GMT"))
            #expect(date.dropFirst(3).hasPrefix(", "))
        }
    }

    @Test func optionsAsteriskIsAccepted() async throws {
        try await withServer { _, port in
            let client = try #require(TestClient(port: port))
            client.send("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(client.readResponse()?.header("X-Target") == "*")
        }
    }
}
