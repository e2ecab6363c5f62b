import Foundation
import HTTPServer
import TestSupport
import Testing
@testable import WharfApp

@Suite("The OpenAPI document and the router agree")
struct OpenAPIDocumentTests {
    @Test func everyRouteIsDocumentedAndEveryDocumentedOperationIsServed() async throws {
        try await TestApp.run { app in
            let document = try Array(Data(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("docs/openapi.json")))
            let drift = try OpenAPIDrift.check(routes: app.container.routes, document: document)
            #expect(drift.isEmpty, "\(drift)")
            #expect(app.container.routes.count > 10)
        }
    }

    @Test func theServerServesTheDocumentAndAPageForPeople() async throws {
        try await TestApp.run { app in
            let json = try await app.http.send("GET", "/openapi.json")
            #expect(json.status == 200)
            let served = try JSONSerialization.jsonObject(with: Data(json.body)) as? [String: Any]
            #expect(served?["openapi"] as? String == "3.1.0")
            let page = try await app.http.send("GET", "/docs")
            #expect(page.status == 200 && page.header("Content-Type")?.hasPrefix("text/html") == true)
            #expect(!page.bodyText.contains("https://") && !page.bodyText.contains("http://"))
        }
    }
}
