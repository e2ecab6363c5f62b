import HTTPServer
import Testing

private let fixture = """
{
  "openapi": "3.1.0",
  "info": {"title": "Wharf", "version": "1"},
  "paths": {
    "/health/live": {"get": {"responses": {"200": {"description": "ok"}}}},
    "/v1/orders": {
      "summary": "Orders",
      "parameters": [],
      "get": {"responses": {}},
      "post": {"responses": {}}
    },
    "/v1/orders/{id}": {"get": {"responses": {}}, "head": {"responses": {}}, "options": {"responses": {}}},
    "/v1/batches/{reference}": {"patch": {"responses": {}}}
  }
}
"""

@Suite struct OpenAPIDriftTests {
    func routes() -> [RouteDescriptor] {
        let router = Router()
        router.get("/health/live") { _, _ in HTTPResponse() }
        router.post("/v1/orders") { _, _ in HTTPResponse() }
        router.get("/v1/orders/{id}") { _, _ in HTTPResponse() }
        router.on(.options, "/v1/orders/{id}") { _, _ in HTTPResponse() }
        router.group("/v1/batches").patch("/{ref}") { _, _ in HTTPResponse() }
        router.on(.delete, "/v1/products/{id}") { _, _ in HTTPResponse() }
        return router.routes
    }

    @Test func reportsMismatchesInBothDirections() throws {
        let drift = try OpenAPIDrift.check(routes: routes(), document: Array(fixture.utf8))
        #expect(drift.undocumented.map(\.description) == ["PATCH /v1/batches/{ref}", "DELETE /v1/products/{id}"])
        #expect(drift.unimplemented.map(\.description) == ["PATCH /v1/batches/{reference}", "GET /v1/orders"])
        #expect(!drift.isEmpty)
        #expect(drift.description.contains("served but not in the OpenAPI document: DELETE /v1/products/{id}"))
    }

    @Test func agreesWhenEqual() throws {
        let router = Router()
        router.get("/health/live") { _, _ in HTTPResponse() }
        let document = #"{"paths":{"/health/live":{"get":{},"head":{}}}}"#
        #expect(try OpenAPIDrift.check(routes: router.routes, document: Array(document.utf8)).isEmpty)
    }

    @Test func refusesBadDocuments() {
        #expect(throws: OpenAPIDrift.Failure.missingPaths) { try OpenAPIDrift.check(routes: [], document: Array("{}".utf8)) }
        #expect(throws: OpenAPIDrift.Failure.self) { try OpenAPIDrift.check(routes: [], document: Array("{".utf8)) }
    }
}
