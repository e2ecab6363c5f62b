import AllocationContracts
import Foundation
import HTTPServer
import Kernel
import UsersContracts

/// "Allocation (batches of stock)" of the HTTP contract, and `GET /v1/stock/{sku}` of its Products section
/// (served by Allocation from its read model, ADR 9). Batch routes are for staff and admins, checked here;
/// the owner check of allocations is Allocation's, given the caller.
enum AllocationRoutes {
    static func register(on router: Router, allocation: any AllocationFacade, users: any UsersFacade) {
        router.get("/v1/stock/{sku}") { _, context in
            try .json(try await allocation.stockLevel(sku: context.parameters.string("sku")))
        }

        router.group("/v1/allocations").add(middleware: Authentication.middleware(users)).narrowed(to: AuthenticatedContext.self)
            .get("/{orderId}") { _, context in
                try .json(try await allocation.allocations(orderId: context.parameters.uuid("orderId"), caller: context.caller))
            }

        let batches = router.group("/v1/batches").add(middleware: Authentication.middleware(users)).narrowed(to: StaffContext.self)
        batches.post { request, context in
            let batch = try await allocation.addBatch(request.decode(AddBatch.self), by: context.caller)
            return try .json(batch, status: .created, headers: ["Location": "/v1/batches/\(batch.reference)"])
        }
        batches.get { request, _ in
            let query = request.queryParameters
            let page = try PageParameters(query)
            return try .json(PageBody(try await allocation.listBatches(BatchListQuery(
                sku: query.string("sku"), limit: page.limit, cursor: page.cursor))))
        }
        batches.get("/{reference}") { _, context in
            try .json(try await allocation.batch(reference: context.parameters.string("reference")))
        }
        // `?dryRun=true` answers what the change would do, storing nothing (docs/adr/0017).
        batches.patch("/{reference}") { request, context in
            let reference = try context.parameters.string("reference")
            let dryRun = try request.queryParameters.oneOf("dryRun", ["true", "false"]) == "true"
            let command = try request.decode(ChangeBatch.self)
            if dryRun { return try .json(try await allocation.previewBatchChange(reference: reference, command)) }
            return try .json(try await allocation.changeBatch(reference: reference, command, by: context.caller))
        }
    }
}
