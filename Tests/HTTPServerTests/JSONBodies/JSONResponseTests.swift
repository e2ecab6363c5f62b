import HTTPServer
import Testing

@Suite struct JSONResponseTests {
    @Test func jsonResponseHasContentType() throws {
        let response = try HTTPResponse.json(["status": "ok"], status: .created)
        #expect(response.status == .created)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.body == Array(#"{"status":"ok"}"#.utf8))
    }
}
