import Foundation
import JSON

/// The operational endpoints, mounted by the App without authentication:
/// `GET /health/live`, `GET /health/ready`, `GET /metrics`, `GET /openapi.json`, `GET /docs`.
public struct OperationalRoutes: Sendable {
    /// The result of one readiness check (`database`).
    public struct Check: Sendable, Equatable {
        /// The name reported under `checks`.
        public var name: String
        /// Whether the dependency is usable.
        public var isHealthy: Bool

        /// The result `isHealthy` of the check `name`.
        public init(name: String, isHealthy: Bool) {
            self.name = name
            self.isHealthy = isHealthy
        }
    }

    let registry: MetricsRegistry?
    let openAPIDocument: [UInt8]?
    let readiness: @Sendable () async -> [Check]

    /// Endpoints over `registry` (no `/metrics` when nil), the OpenAPI document's bytes (no
    /// `/openapi.json` and `/docs` when nil) and `readiness`, which runs the checks on each call
    /// (it should bound its own time, e.g. a pooled `SELECT 1` with a short timeout).
    public init(registry: MetricsRegistry?, openAPIDocument: [UInt8]?, readiness: @escaping @Sendable () async -> [Check]) {
        self.registry = registry
        self.openAPIDocument = openAPIDocument
        self.readiness = readiness
    }

    /// Reads the OpenAPI document at `path` once, at start-up.
    public static func loadDocument(at path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static let liveResponse = HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"],
                                           body: Array(#"{"status":"ok"}"#.utf8))

    /// Adds the endpoints to `router`.
    public func register(on router: Router) {
        let live = Self.liveResponse
        router.get("/health/live") { _, _ in live }
        let readiness = self.readiness
        router.get("/health/ready") { _, _ in Self.readinessResponse(await readiness()) }
        if let registry {
            router.get("/metrics") { _, _ in
                HTTPResponse(status: .ok, headers: ["Content-Type": MetricsRegistry.contentType], body: Array(registry.exposition().utf8))
            }
        }
        if let openAPIDocument {
            let document = HTTPResponse(status: .ok, headers: ["Content-Type": "application/json"], body: openAPIDocument)
            router.get("/openapi.json") { _, _ in document }
            let docs = HTTPResponse(status: .ok, headers: ["Content-Type": "text/html; charset=utf-8",
                                                          "Content-Security-Policy": DocsPage.contentSecurityPolicy],
                                    body: Array(DocsPage.html.utf8))
            router.get("/docs") { _, _ in docs }
        }
    }

    /// `200 {"status":"ok","checks":{...}}` when every check passes, else `503` with `"unavailable"`.
    static func readinessResponse(_ checks: [Check]) -> HTTPResponse {
        let healthy = checks.allSatisfy(\.isHealthy)
        var body = JSONWriter(capacity: 96)
        body.raw(healthy ? #"{"status":"ok","checks":{"# : #"{"status":"unavailable","checks":{"#)
        for (i, check) in checks.enumerated() {
            if i > 0 { body.raw(",") }
            body.string(check.name)
            body.raw(check.isHealthy ? #":"ok""# : #":"unavailable""#)
        }
        body.raw("}}")
        return HTTPResponse(status: healthy ? .ok : .serviceUnavailable,
                            headers: ["Content-Type": "application/json", "Cache-Control": "no-store"], body: body.bytes)
    }
}
