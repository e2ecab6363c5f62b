import HTTPServer
import Kernel
import Outbox
import UsersContracts

/// The event bus's dead letters for admins ("Operations" of the contract; docs/adr/0020): list them, retry one.
enum DeadEventsRoutes {
    static func register(on router: Router, deadLetters: DeadLetters, users: any UsersFacade) {
        let admin = router.group("/v1/admin/dead-events").add(middleware: Authentication.middleware(users))
            .narrowed(to: AdminContext.self)
        admin.get { request, _ in
            let page = try PageParameters(request.queryParameters)
            return try .json(PageBody(try await deadLetters.list(cursor: page.cursor, limit: page.limit)))
        }
        admin.post("/{id}/retry") { _, context in
            try await deadLetters.retry(try context.parameters.uuid("id"))
            return HTTPResponse(status: 202)
        }
    }
}
