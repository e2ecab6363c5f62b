import AllocationContracts
import Foundation
import HTTPServer
import Kernel
import OrdersContracts
import UsersContracts

/// "Orders" of the HTTP contract, plus the staff-only status history (`GET /v1/orders/{id}/history`,
/// docs/adr/0011), and "Addresses and fulfilment" (shipping addresses and shipments, docs/adr/0021). Every route needs a caller; what each caller may see and do is the Orders context's decision.
enum OrdersRoutes {
    /// `PATCH /v1/orders/{id}/status` `{status}`.
    struct StatusBody: Codable { var status: String }

    /// `digest` hashes the raw request body (SHA-256), so a replay needs byte-for-byte the same body.
    static func register(on router: Router, orders: any OrdersFacade, users: any UsersFacade, allocation: any AllocationFacade,
                         digest: @escaping @Sendable ([UInt8]) -> [UInt8]) {
        let warehouse = WarehouseThroughAllocation(allocation: allocation)
        let signedIn = router.group("/v1/orders").add(middleware: Authentication.middleware(users))
            .narrowed(to: AuthenticatedContext.self)
        signedIn.post { request, context in
            let idempotency = try IdempotencyKeyHeader.read(request, digest: digest)
            let command = try request.decode(PlaceOrder.self)
            let placed = try await orders.placeOrder(command, by: context.caller, idempotency: idempotency)
            let headers = IdempotencyKeyHeader.createdHeaders(location: "/v1/orders/\(placed.orderId.lowercased)", replayed: placed.replayed)
            return .json(bytes: placed.body, status: .created, headers: headers)
        }
        signedIn.get { request, context in
            let query = request.queryParameters
            let customerId = try query.uuid("customerId")
            let page = try PageParameters(query)
            let list = OrderListQuery(status: query.string("status"), customerId: customerId, limit: page.limit, cursor: page.cursor)
            return try .json(PageBody(try await orders.listOrders(list, caller: context.caller)))
        }
        signedIn.get("/{id}") { _, context in
            try .json(try await orders.order(id: context.parameters.uuid("id"), caller: context.caller))
        }
        signedIn.get("/{id}/history") { _, context in
            let history = try await orders.statusHistory(orderId: context.parameters.uuid("id"), caller: context.caller)
            return try .json(HistoryBody(items: history))
        }
        signedIn.post("/{id}/cancel") { _, context in
            try .json(try await orders.cancelOrder(id: context.parameters.uuid("id"), caller: context.caller))
        }
        signedIn.patch("/{id}/status") { request, context in
            let id = try context.parameters.uuid("id")
            let body = try request.decode(StatusBody.self)
            return try .json(try await orders.changeStatus(id: id, to: body.status, caller: context.caller, warehouse: warehouse))
        }
        signedIn.put("/{id}/shipping-address") { request, context in
            let id = try context.parameters.uuid("id")
            let address = try request.decode(AddressDTO.self)
            return try .json(try await orders.changeShippingAddress(orderId: id, address, caller: context.caller))
        }
        signedIn.post("/{id}/shipments") { request, context in
            let id = try context.parameters.uuid("id")
            let command = try request.decode(CreateShipment.self)
            let shipment = try await orders.createShipment(orderId: id, command, caller: context.caller, warehouse: warehouse)
            return try .json(shipment, status: .created,
                             headers: ["Location": "/v1/orders/\(id.lowercased)/shipments/\(shipment.id.lowercased)"])
        }
        signedIn.get("/{id}/shipments") { _, context in
            let shipments = try await orders.shipments(orderId: context.parameters.uuid("id"), caller: context.caller)
            return try .json(PageBody(Page(items: shipments, nextCursor: nil)))
        }
        signedIn.get("/{id}/shipments/{shipmentId}") { _, context in
            try .json(try await orders.shipment(orderId: context.parameters.uuid("id"),
                                                shipmentId: context.parameters.uuid("shipmentId"), caller: context.caller))
        }
    }

    /// `{"items": [{"status","at","reason"}]}`, oldest first.
    struct HistoryBody: Encodable { let items: [StatusChangeDTO] }
}

/// Orders' `WarehouseGoods` port over the Allocation facade: the SKUs of the order whose batch is warehouse stock.
struct WarehouseThroughAllocation: WarehouseGoods {
    let allocation: any AllocationFacade

    func skusInWarehouse(orderId: UUID) async throws -> Set<String> {
        Set(try await allocation.lineBatches(orderId: orderId).filter(\.inWarehouse).map(\.sku))
    }
}
