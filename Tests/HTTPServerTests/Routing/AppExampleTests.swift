import Foundation
import HTTPServer
import Logging
import Testing

// The shape App code takes; kept compiling here so the documented example cannot rot.

private struct Principal: Sendable {
    var userID: UUID
    var roles: Set<String>
}

private enum PrincipalKey: ContextKey {
    typealias Value = Principal
}

/// Exists only with a principal: handlers taking it cannot run for anonymous callers.
private struct AuthenticatedContext: RouteContext {
    let base: RequestContext
    let principal: Principal

    init(from context: RequestContext) throws {
        guard let principal = context[PrincipalKey.self] else {
            throw ProblemDetails(status: .unauthorized, code: "unauthorized", headers: ["WWW-Authenticate": "Bearer"])
        }
        base = context
        self.principal = principal
    }
}

/// Exists only for admins.
private struct AdminContext: RouteContext {
    let base: RequestContext
    let principal: Principal

    init(from context: RequestContext) throws {
        let authenticated = try AuthenticatedContext(from: context)
        guard authenticated.principal.roles.contains("admin") else { throw ProblemDetails(status: .forbidden, code: "forbidden") }
        base = context
        principal = authenticated.principal
    }
}

private struct PatchUser: Decodable {
    var name: String?
    var roles: [String]?
}

private struct UserDTO: Encodable {
    var id: UUID
    var name: String
    var roles: [String]
    var updatedAt: Date
}

private let adminID = UUID(uuidString: "00000000-0000-0000-0000-00000000000a") ?? UUID()

/// Stands in for App's token check.
private let authenticator = Middleware { request, context, next in
    var context = context
    if request.headers["Authorization"] == "Bearer good" {
        context[PrincipalKey.self] = Principal(userID: adminID, roles: ["admin"])
    }
    return try await next(request, context)
}

private func registerUserRoutes(on router: Router) {
    let admin = router.group("/v1/users").add(middleware: authenticator).narrowed(to: AdminContext.self)
    admin.patch("/{id}") { request, context in
        let id = try context.parameters.uuid("id")
        let patch = try request.decode(PatchUser.self)
        let user = UserDTO(id: id, name: patch.name ?? "Ada", roles: patch.roles ?? ["customer"],
                           updatedAt: Date(timeIntervalSince1970: 1_795_255_200))
        return try .json(user)
    }
}

@Suite struct AppExampleTests {
    @Test func adminPatchFlow() async throws {
        let router = Router()
        registerUserRoutes(on: router)
        let responder = try router.buildResponder(RouterConfiguration(logger: .discard))
        let target = "/v1/users/6F9619FF-8B86-D011-B42D-00C04FC964FF"
        let body = Array(#"{"name":"Grace","roles":["staff"]}"#.utf8)
        let ok = await responder.respond(to: HTTPRequest(method: .patch, target: target,
            headers: ["Authorization": "Bearer good", "Content-Type": "application/json"], body: body))
        #expect(ok.status == .ok)
        #expect(ok.bodyText == #"{"id":"6f9619ff-8b86-d011-b42d-00c04fc964ff","name":"Grace","roles":["staff"],"updatedAt":"2026-11-21T10:00:00Z"}"#)
        let anonymous = await responder.respond(to: HTTPRequest(method: .patch, target: target, headers: ["Content-Type": "application/json"], body: body))
        #expect(anonymous.status == .unauthorized)
        let typo = await responder.respond(to: HTTPRequest(method: .patch, target: target,
            headers: ["Authorization": "Bearer good", "Content-Type": "application/json"], body: Array(#"{"nmae":"x"}"#.utf8)))
        #expect(typo.status == .unprocessableContent && typo.bodyText.contains(#""field":"nmae""#))
    }
}
