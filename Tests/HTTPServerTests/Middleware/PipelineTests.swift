import Foundation
import HTTPServer
import JSON
import Testing

private struct TestPrincipal: Sendable {
    var userID: String
    var isAdmin: Bool
}

private enum TestPrincipalKey: ContextKey {
    typealias Value = TestPrincipal
}

/// What App would write: a context that exists only with a principal.
private struct TestAuthenticatedContext: RouteContext {
    var base: RequestContext
    var principal: TestPrincipal

    init(from context: RequestContext) throws {
        guard let principal = context[TestPrincipalKey.self] else {
            throw ProblemDetails(status: .unauthorized, code: "unauthorized", headers: ["WWW-Authenticate": "Bearer"])
        }
        base = context
        self.principal = principal
    }
}

private struct DomainError: Error { var reason: String }

private struct Secret: Error, CustomStringConvertible {
    var description: String { "SELECT password FROM users at /srv/app/File.swift:12" }
}

private let authenticate = Middleware { request, context, next in
    var context = context
    if let header = request.headers["Authorization"], header.hasPrefix("Bearer ") {
        context[TestPrincipalKey.self] = TestPrincipal(userID: String(header.dropFirst(7)), isAdmin: header.hasSuffix("admin"))
    }
    return try await next(request, context)
}

private let requireAdmin = Middleware { request, context, next in
    guard context[TestPrincipalKey.self]?.isAdmin == true else { throw ProblemDetails(status: .forbidden, code: "forbidden") }
    return try await next(request, context)
}

@Suite struct PipelineTests {
    let log = RouterLogCapture()

    func responder(cors: CORSPolicy? = nil) throws -> RouterResponder {
        let router = Router()
        let users = router.group("/v1/users").add(middleware: authenticate)
        users.narrowed(to: TestAuthenticatedContext.self).get("/me") { _, context in
            HTTPResponse(body: Array(context.principal.userID.utf8))
        }
        users.add(middleware: requireAdmin).get("/{id}") { _, context in
            HTTPResponse(body: Array(try context.parameters.string("id").utf8))
        }
        router.get("/fail/problem") { _, _ in throw ProblemDetails(status: .conflict, code: "sku_taken") }
        router.get("/fail/domain") { _, _ in throw DomainError(reason: "gone") }
        router.get("/fail/secret") { _, _ in throw Secret() }
        router.post("/v1/things") { request, _ in
            struct Thing: Codable { var name: String }
            return try .json(try request.decode(Thing.self), status: .created)
        }
        let mapper: @Sendable (any Error) -> ProblemDetails? = { error in
            (error as? DomainError).map { ProblemDetails(status: HTTPStatus(410), code: "domain_\($0.reason)") }
        }
        return try router.buildResponder(RouterConfiguration(logger: log.logger, errorMapper: mapper, cors: cors))
    }

    @Test func requestIDIsEchoedWhenAcceptableElseGenerated() async throws {
        let r = try responder()
        let echoed = await r.respond(to: getRequest("/nope", ["X-Request-Id": "abc-123"]))
        #expect(echoed.headers["X-Request-Id"] == "abc-123")
        #expect(echoed.bodyText.contains(#""requestId":"abc-123""#))
        for bad in [String(repeating: "a", count: 129), "has space", "ctl\u{7}", "", "é"] {
            let response = await r.respond(to: getRequest("/v1/users/me", ["X-Request-Id": bad]))
            let id = response.headers["X-Request-Id"] ?? ""
            #expect(id != bad && id.utf8.count == 32)
        }
        let ok = await r.respond(to: getRequest("/v1/users/me", ["Authorization": "Bearer u1"]))
        #expect(ok.headers["X-Request-Id"]?.utf8.count == 32)
        #expect(RequestID.accepting(String(repeating: "~", count: 128)) != nil)
    }

    @Test func narrowedContextCannotBeReachedWithoutPrincipal() async throws {
        let r = try responder()
        let anonymous = await r.respond(to: getRequest("/v1/users/me"))
        #expect(anonymous.status == .unauthorized)
        #expect(anonymous.headers["WWW-Authenticate"] == "Bearer")
        #expect(await r.respond(to: getRequest("/v1/users/me", ["Authorization": "Bearer u1"])).bodyText == "u1")
        #expect(await r.respond(to: getRequest("/v1/users/42", ["Authorization": "Bearer u1"])).status == .forbidden)
        #expect(await r.respond(to: getRequest("/v1/users/42", ["Authorization": "Bearer admin"])).bodyText == "42")
    }

    @Test func errorsAreMappedToProblems() async throws {
        let r = try responder()
        let problem = await r.respond(to: getRequest("/fail/problem"))
        #expect(problem.status == .conflict)
        #expect(problem.bodyText.contains(#""type":"urn:wharf:problem:sku_taken""#))
        let domain = await r.respond(to: getRequest("/fail/domain"))
        #expect(domain.status == HTTPStatus(410))
        #expect(domain.bodyText.contains("domain_gone"))
        let secret = await r.respond(to: getRequest("/fail/secret", ["X-Request-Id": "req-9"]))
        #expect(secret.status == .internalServerError)
        #expect(secret.headers["Content-Type"] == "application/problem+json")
        #expect(secret.bodyText.contains(#""code":"internal_error""#))
        #expect(!secret.bodyText.contains("SELECT") && !secret.bodyText.contains("/srv") && !secret.bodyText.contains("Secret"))
        let errorLine = log.all.first { $0.contains(#""message":"unhandled error""#) } ?? ""
        #expect(errorLine.contains(#""requestId":"req-9""#))
        #expect(errorLine.contains("SELECT password"))
        #expect(errorLine.contains(#""level":"error""#))
    }

    @Test func accessLogHasFieldsButNoSecrets() async throws {
        let r = try responder()
        var request = HTTPRequest(method: .post, target: "/v1/things?token=hunter2",
                                  headers: ["Authorization": "Bearer sekret-token", "Content-Type": "application/json", "X-Request-Id": "rid-1"],
                                  body: Array(#"{"name":"password123"}"#.utf8))
        let response = await r.respond(to: request)
        #expect(response.status == .created)
        request.target = "/v1/users/me"
        _ = await r.respond(to: request)
        let lines = log.all.filter { $0.contains(#""message":"request""#) }
        #expect(lines.count == 2)
        let line = lines[0]
        for field in [#""time":""#, #""level":"info""#, #""method":"POST""#, #""route":"/v1/things""#, #""status":201"#, #""durationMs":"#, #""requestId":"rid-1""#] {
            #expect(line.contains(field), "\(field) in \(line)")
        }
        #expect(lines[1].contains(#""route":"/v1/users/me""#))
        for secret in ["hunter2", "sekret", "password123", "token="] {
            #expect(!log.all.joined().contains(secret))
        }
        #expect(line.hasSuffix("}"))
        #expect((try? JSONParser.parse(Array(line.utf8))) != nil)
    }

    @Test func corsPreflightAndSimpleResponses() async throws {
        let r = try responder(cors: CORSPolicy(environmentValue: " https://a.example , https://b.example/,"))
        let preflight = await r.respond(to: HTTPRequest(method: .options, target: "/v1/users/42",
            headers: ["Origin": "https://b.example", "Access-Control-Request-Method": "GET"]))
        #expect(preflight.status == .noContent)
        #expect(preflight.headers["Access-Control-Allow-Origin"] == "https://b.example")
        #expect(preflight.headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS")
        #expect(preflight.headers["Access-Control-Allow-Headers"] == "Authorization, Content-Type, Idempotency-Key, If-Match, If-None-Match, X-Request-Id")
        #expect(preflight.headers["Access-Control-Max-Age"] == "600")
        #expect(preflight.headers["Vary"] == "Origin")
        #expect(preflight.headers["X-Request-Id"] != nil)

        let simple = await r.respond(to: getRequest("/nope", ["Origin": "https://a.example"]))
        #expect(simple.headers["Access-Control-Allow-Origin"] == "https://a.example")
        #expect(simple.headers["Access-Control-Expose-Headers"] == "ETag, Location, X-Request-Id, Idempotent-Replayed, Retry-After")

        let evil = await r.respond(to: HTTPRequest(method: .options, target: "/v1/users/42",
            headers: ["Origin": "https://evil.example", "Access-Control-Request-Method": "GET"]))
        #expect(evil.status == .noContent)
        #expect(evil.headers["Allow"] == "GET, HEAD, OPTIONS")
        #expect(!evil.headers.contains { $0.name.hasPrefix("Access-Control-") })
        let evilSimple = await r.respond(to: getRequest("/v1/users/me", ["Origin": "https://evil.example"]))
        #expect(!evilSimple.headers.contains { $0.name.hasPrefix("Access-Control-") })
    }
}
