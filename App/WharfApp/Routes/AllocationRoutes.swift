import AllocationContracts
import Foundation
import HTTPServer
import Kernel
import UsersContracts

/// "Allocation (batches of stock)" of the HTTP contract, and `GET /v1/stock/{sku}` of its Products section
/// (served by Allocation from its read model, ADR 9). Batch routes are for staff and admins, checked here;
/// the owner check of allocations is Allocation's, given the caller's id and whether it is staff.
enum AllocationRoutes {
    static func register(on router: Router, allocation: any AllocationFacade, users: any UsersFacade) {
        router.get("/v1/stock/{sku}") { _, context in
            try .json(try await allocation.stockLevel(sku: context.parameters.string("sku")))
        }

        router.group("/v1/allocations").add(middleware: Authentication.middleware(users)).narrowed(to: AuthenticatedContext.self)
            .get("/{orderId}") { _, context in
                let orderId = try context.base.parameters.uuid("orderId")
                return try .json(try await allocation.allocations(orderId: orderId, viewer: context.principal.userID,
                                                                  viewerIsStaff: context.principal.isStaff))
            }

        let batches = router.group("/v1/batches").add(middleware: Authentication.middleware(users)).narrowed(to: StaffContext.self)
        batches.post { request, _ in
            let batch = try await allocation.addBatch(request.decode(AddBatch.self))
            return try .json(batch, status: .created, headers: ["Location": "/v1/batches/\(batch.reference)"])
        }
        batches.get { request, _ in
            let query = request.queryParameters
            return try .json(PageBody(try await allocation.listBatches(BatchListQuery(
                sku: query.string("sku"),
                limit: try query.int("limit", in: PageRequest.limitRange) ?? PageRequest.defaultLimit,
                cursor: query.string("cursor")))))
        }
        batches.get("/{reference}") { _, context in
            try .json(try await allocation.batch(reference: context.base.parameters.string("reference")))
        }
        batches.patch("/{reference}") { request, context in
            try .json(try await allocation.changeBatchQuantity(reference: context.base.parameters.string("reference"),
                                                               request.decode(ChangeBatchQuantity.self)))
        }
    }
}
