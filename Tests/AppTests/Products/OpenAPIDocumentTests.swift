import Foundation
import HTTPServer
import TestSupport
import Testing
@testable import WharfApp

@Suite("HTTP: OpenAPI document")
struct OpenAPIDocumentTests {
    @Test func theDocumentDescribesExactlyTheRoutesServed() async throws {
        try await TestApp.run { app in
            let document = try Data(contentsOf: TestDatabase.repositoryRoot.appending(path: "docs/openapi.json"))
            let drift = try OpenAPIDrift.check(routes: app.container.routes, document: Array(document))
            #expect(drift.undocumented.isEmpty, "routes missing from docs/openapi.json: \(drift.undocumented)")
            #expect(drift.unimplemented.isEmpty, "documented operations no route serves: \(drift.unimplemented)")
            let served = try await app.http.send("GET", "/openapi.json")
            #expect(served.status == 200 && served.bodyText.contains("\"/v1/products/{id}\""))
        }
    }
}
