import FoundationEssentials
import HTTPServer
import Kernel
import UsersContracts

/// The event bus's dead letters for admins ("Operations" of the contract; docs/adr/0020): list them, retry one.
enum DeadEventsRoutes {
    /// One dead event as the contract shows it.
    struct Item: Encodable, Sendable {
        var id: UUID
        var name: String
        var subscriber: String
        var attempts: Int
        var lastError: String
        var failedAt: Date
    }

    /// What the routes need of the bus (routes see no infrastructure: the composition root hands in the bus's
    /// `DeadLetters`, `Composition/DeadLetters+Routes.swift`).
    protocol Port: Sendable {
        /// Most recently set aside first, keyset-paged.
        func items(cursor: String?, limit: Int) async throws -> Page<Item>
        /// Delivered again to the subscribers that have not handled it; `not_found`, `409 event_not_dead`.
        func retry(_ id: UUID) async throws
    }

    static func register(on router: Router, deadLetters: any Port, users: any UsersFacade) {
        let admin = router.group("/v1/admin/dead-events").add(middleware: Authentication.middleware(users))
            .narrowed(to: AuthenticatedContext.self)
        admin.get { request, context in
            try requireAdmin(context)
            let page = try PageParameters(request.queryParameters)
            return try .json(PageBody(try await deadLetters.items(cursor: page.cursor, limit: page.limit)))
        }
        admin.post("/{id}/retry") { _, context in
            try requireAdmin(context)
            try await deadLetters.retry(try context.parameters.uuid("id"))
            return HTTPResponse(status: 202)
        }
    }

    /// Operations are for admins only: anyone else signed in is `403 forbidden`.
    static func requireAdmin(_ context: AuthenticatedContext) throws {
        guard context.caller.isAdmin else {
            throw ProblemDetails(status: .forbidden, code: "forbidden", detail: "only admins may do this")
        }
    }
}
