import Audit
import HTTPServer
import Kernel
import UsersContracts

/// "Who did it" of the contract: `GET /v1/audit-events` (admin). The admin check and the filters are the audit
/// log's own (`AuditLogService`); the route only reads the query.
enum AuditRoutes {
    static func register(on router: Router, audit: any AuditLog, users: any UsersFacade) {
        let signedIn = router.group("/v1/audit-events").add(middleware: Authentication.middleware(users))
            .narrowed(to: AuthenticatedContext.self)
        signedIn.get { request, context in
            let query = request.queryParameters
            let page = try PageParameters(query)
            let events = AuditEventQuery(actorId: query.string("actorId"), targetType: query.string("targetType"),
                                         targetId: query.string("targetId"), action: query.string("action"),
                                         limit: page.limit, cursor: page.cursor)
            return try .json(PageBody(try await audit.events(events, caller: context.caller)))
        }
    }
}
