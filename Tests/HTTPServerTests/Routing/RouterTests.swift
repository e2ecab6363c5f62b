import Foundation
import HTTPServer
import Logging
import Testing

@Suite struct RouterTests {
    func responder(_ configure: (Router) -> Void = { _ in }) throws -> RouterResponder {
        let router = Router()
        router.get("/v1/orders/{id}") { _, context in
            HTTPResponse(body: Array("order \(try context.parameters.uuid("id").uuidString.lowercased())".utf8))
        }
        router.post("/v1/orders") { _, context in HTTPResponse(status: .created, body: Array(context.route.utf8)) }
        router.get("/v1/orders/mine") { _, _ in HTTPResponse(body: Array("mine".utf8)) }
        router.get("/v1/batches/{reference}") { _, context in HTTPResponse(body: Array(try context.parameters.string("reference").utf8)) }
        router.get("/v1/items/{n}") { _, context in HTTPResponse(body: Array(String(try context.parameters.int("n")).utf8)) }
        router.group("/v1/a").get("/{x}/static") { _, _ in HTTPResponse(body: Array("param-static".utf8)) }
        router.group("/v1/a/lit").get("/other") { _, _ in HTTPResponse(body: Array("lit-other".utf8)) }
        router.get("/") { _, _ in HTTPResponse(body: Array("root".utf8)) }
        configure(router)
        return try router.buildResponder(RouterConfiguration(logger: .discard))
    }

    @Test func matchesStaticBeforeParameterAndBacktracks() async throws {
        let r = try responder()
        #expect(await r.respond(to: getRequest("/v1/orders/mine")).bodyText == "mine")
        #expect(await r.respond(to: getRequest("/v1/orders/6F9619FF-8B86-D011-B42D-00C04FC964FF")).bodyText == "order 6f9619ff-8b86-d011-b42d-00c04fc964ff")
        // `lit` matches the literal branch first, which has no `/static`: the parameter branch must still be found.
        #expect(await r.respond(to: getRequest("/v1/a/lit/static")).bodyText == "param-static")
        #expect(await r.respond(to: getRequest("/v1/a/lit/other")).bodyText == "lit-other")
        #expect(await r.respond(to: getRequest("/")).bodyText == "root")
    }

    @Test func unknownPathsAre404Problems() async throws {
        let r = try responder()
        for target in ["/nope", "/v1/orders/", "/v1//orders", "/v1/orders/x/y", "*", ""] {
            let response = await r.respond(to: getRequest(target))
            #expect(response.status == .notFound, "\(target)")
            #expect(response.headers["Content-Type"] == "application/problem+json")
            #expect(response.bodyText.contains(#""code":"not_found""#))
        }
    }

    @Test func otherMethodIs405WithAllow() async throws {
        let r = try responder()
        let response = await r.respond(to: HTTPRequest(method: .delete, target: "/v1/orders/abc"))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD, OPTIONS")
        #expect(response.bodyText.contains(#""code":"method_not_allowed""#))
        let post = await r.respond(to: HTTPRequest(method: .put, target: "/v1/orders"))
        #expect(post.headers["Allow"] == "POST, OPTIONS")
    }

    /// A method the server does not implement (`QUERY`, `BREW`) is answered like any method a resource does not
    /// support: `405` with `Allow` where the path exists, `404` where it does not; never a `5xx`.
    @Test func anUnknownMethodIs405OnAKnownPathAnd404Elsewhere() async throws {
        let r = try responder()
        let known = await r.respond(to: HTTPRequest(method: .unknown, target: "/v1/orders/abc"))
        #expect(known.status == .methodNotAllowed)
        #expect(known.headers["Allow"] == "GET, HEAD, OPTIONS")
        #expect(await r.respond(to: HTTPRequest(method: .unknown, target: "/nope")).status == .notFound)
    }

    /// The most specific path that exists decides: a literal route without the method is a `405` with its own
    /// methods, never the parameter route next to it with the literal taken as the parameter (schemathesis found
    /// `PATCH /v1/users/me` answered `400 invalid_path_parameter`, and `OPTIONS /v1/payments/webhook` offering GET).
    @Test func aLiteralPathIsNotTakenForTheParameterBesideIt() async throws {
        let r = try responder { router in
            router.patch("/v1/users/{id}") { _, context in HTTPResponse(body: Array(try context.parameters.uuid("id").uuidString.utf8)) }
            router.get("/v1/users/{id}") { _, _ in HTTPResponse() }
            router.get("/v1/users/me") { _, _ in HTTPResponse(body: Array("me".utf8)) }
            router.post("/v1/payments/webhook") { _, _ in HTTPResponse() }
            router.get("/v1/payments/{id}") { _, _ in HTTPResponse() }
        }
        let patchMe = await r.respond(to: HTTPRequest(method: .patch, target: "/v1/users/me"))
        #expect(patchMe.status == .methodNotAllowed && patchMe.headers["Allow"] == "GET, HEAD, OPTIONS")
        #expect(await r.respond(to: getRequest("/v1/users/me")).bodyText == "me")
        let id = UUID().uuidString
        #expect(await r.respond(to: HTTPRequest(method: .patch, target: "/v1/users/\(id)")).bodyText == id)
        let options = await r.respond(to: HTTPRequest(method: .options, target: "/v1/payments/webhook"))
        #expect(options.status == .noContent && options.headers["Allow"] == "POST, OPTIONS")
        let get = await r.respond(to: getRequest("/v1/payments/webhook"))
        #expect(get.status == .methodNotAllowed && get.headers["Allow"] == "POST, OPTIONS")
    }

    /// Handlers see the client's address: the peer, or the hop trusted proxies name.
    @Test func theContextCarriesTheClientAddress() async throws {
        func responder(trusting proxies: TrustedProxies) throws -> RouterResponder {
            let router = Router()
            router.get("/who") { _, context in HTTPResponse(body: Array((context.clientAddress?.description ?? "none").utf8)) }
            return try router.buildResponder(RouterConfiguration(logger: .discard, trustedProxies: proxies))
        }
        let forwarded = HTTPRequest(method: .get, target: "/who", headers: ["X-Forwarded-For": "203.0.113.9"],
                                    remoteAddress: IPAddress("127.0.0.1"))
        #expect(try await responder(trusting: .none).respond(to: forwarded).bodyText == "127.0.0.1")
        #expect(try await responder(trusting: try TrustedProxies(parsing: "127.0.0.1")).respond(to: forwarded).bodyText == "203.0.113.9")
        #expect(try await responder(trusting: .none).respond(to: getRequest("/who")).bodyText == "none")
    }

    @Test func headUsesGetAndOptionsListsMethods() async throws {
        let r = try responder()
        let head = await r.respond(to: HTTPRequest(method: .head, target: "/v1/orders/mine"))
        #expect(head.status == .ok)
        #expect(head.bodyText == "mine")
        let options = await r.respond(to: HTTPRequest(method: .options, target: "/v1/orders"))
        #expect(options.status == .noContent)
        #expect(options.headers["Allow"] == "POST, OPTIONS")
        #expect(options.headers["Access-Control-Allow-Origin"] == nil)
    }

    @Test func pathParametersArePercentDecodedAndTyped() async throws {
        let r = try responder()
        #expect(await r.respond(to: getRequest("/v1/batches/b%2F1%20x")).bodyText == "b/1 x")
        let badUUID = await r.respond(to: getRequest("/v1/orders/not-a-uuid"))
        #expect(badUUID.status == .badRequest)
        #expect(badUUID.bodyText.contains(#""code":"invalid_path_parameter""#))
        #expect(await r.respond(to: getRequest("/v1/orders/6f9619ff8b86d011b42d00c04fc964ff")).status == .badRequest)
        #expect(await r.respond(to: getRequest("/v1/batches/%zz")).status == .badRequest)
        #expect(await r.respond(to: getRequest("/v1/batches/%C3%28")).status == .badRequest)
        #expect(await r.respond(to: getRequest("/v1/items/42")).bodyText == "42")
        #expect(await r.respond(to: getRequest("/v1/items/4x")).status == .badRequest)
        #expect(await r.respond(to: getRequest("/v1/orders/mine?x=1")).bodyText == "mine")
    }

    @Test func recordsTemplatesAndRejectsDuplicates() throws {
        let router = Router()
        router.get("/v1/orders/{id}") { _, _ in HTTPResponse() }
        router.group("/v1/orders/").post("/") { _, _ in HTTPResponse() }
        #expect(router.routes.map(\.description) == ["GET /v1/orders/{id}", "POST /v1/orders"])
        router.get("/v1/orders/{orderId}") { _, _ in HTTPResponse() }
        #expect(throws: RouterError.duplicateRoute(RouteDescriptor(method: .get, template: "/v1/orders/{orderId}"))) {
            try router.buildResponder(RouterConfiguration(logger: .discard))
        }
        let bad = Router()
        bad.get("/v1/{id") { _, _ in HTTPResponse() }
        #expect(throws: RouterError.invalidTemplate("/v1/{id")) { try bad.buildResponder() }
    }
}
