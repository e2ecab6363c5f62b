import AllocationContracts
import EventBus
import Foundation
import Kernel
import OrdersApplication
import OrdersContracts
import Synchronization
import TestSupport
import Testing

@Suite("Orders: shipments, partial shipping and backorders")
struct ShipmentUseCaseTests {
    /// A paid order of 2 × A and 1 × B with an address.
    static func paidOrder(_ fixture: OrdersFixture) async throws -> UUID {
        let id = try await fixture.place([("A", 2), ("B", 1)]).orderId
        try await fixture.allocated(id)
        try await fixture.paid(id)
        try await fixture.giveAddress(id)
        return id
    }

    static func ship(_ fixture: OrdersFixture, _ id: UUID, _ lines: [(String, Int)], carrier: String? = nil) async throws -> ShipmentDTO {
        try await fixture.service.createShipment(orderId: id, CreateShipment(lines: lines.map { ShipmentLineDTO(sku: $0.0, quantity: $0.1) },
                                                                            carrier: carrier), caller: fixture.staff, warehouse: fixture.warehouse)
    }

    @Test func aShipmentIsStoredAnnouncedAndTheLastOneCompletesTheOrder() async throws {
        let fixture = OrdersFixture()
        let id = try await Self.paidOrder(fixture)
        let first = try await Self.ship(fixture, id, [("A", 2)], carrier: "DHL")
        #expect(try await fixture.order(id).status == "partially_shipped")
        #expect(try await fixture.order(id).lines.map(\.shippedQuantity) == [2, 0])
        #expect(fixture.bus.published(ShipmentCreated.self) == [ShipmentCreated(
            orderId: id, customerId: fixture.customer.userId, shipmentId: first.id, lines: [ShipmentLineDTO(sku: "A", quantity: 2)],
            carrier: "DHL", trackingNumber: nil)])
        #expect(fixture.bus.published(OrderShipped.self).isEmpty)
        let last = try await fixture.changeStatus(id, to: "shipped")
        #expect(last.status == "shipped" && last.lines.map(\.shippedQuantity) == [2, 1])
        #expect(fixture.bus.published(OrderShipped.self) == [OrderShipped(orderId: id, customerId: fixture.customer.userId)])
        let shipments = try await fixture.service.shipments(orderId: id, caller: fixture.customer)
        #expect(shipments.map(\.lines) == [[ShipmentLineDTO(sku: "A", quantity: 2)], [ShipmentLineDTO(sku: "B", quantity: 1)]])
        #expect(try await fixture.service.shipment(orderId: id, shipmentId: first.id, caller: fixture.customer) == first)
        #expect(try await fixture.history(id).suffix(2) == ["partially_shipped:partially_shipped", "shipped:shipped"])
    }

    @Test func allocationIsAskedOnlyOnceTheStatusAllowsShipping() async throws {
        let fixture = OrdersFixture()
        let id = try await fixture.place([("A", 1)]).orderId
        try await fixture.allocated(id)
        let early = await #expect(throws: DomainError.self) { try await Self.ship(fixture, id, [("A", 1)]) }
        #expect(early?.code == "invalid_transition")
        #expect(fixture.warehouse.calls.withLock { $0 } == 0)
        let byCustomer = await #expect(throws: DomainError.self) {
            try await fixture.service.createShipment(orderId: id, CreateShipment(lines: []), caller: fixture.customer, warehouse: fixture.warehouse)
        }
        #expect(byCustomer?.code == "forbidden")
    }

    @Test func goodsAtSeaStayAndNothingIsRecorded() async throws {
        let fixture = OrdersFixture()
        let id = try await Self.paidOrder(fixture)
        fixture.warehouse.atSea.withLock { $0 = ["B"] }
        let error = await #expect(throws: DomainError.self) { try await fixture.changeStatus(id, to: "shipped") }
        #expect(error?.code == "not_in_warehouse" && error?.kind == .conflict)
        #expect(try await fixture.service.shipments(orderId: id, caller: fixture.staff).isEmpty)
        #expect(try await fixture.order(id).status == "paid" && fixture.bus.published(ShipmentCreated.self).isEmpty)
    }

    @Test func anUnshippedLineLosingItsBatchBackordersAPartlyShippedOrderWhichReturnsToIt() async throws {
        let fixture = OrdersFixture()
        let id = try await Self.paidOrder(fixture)
        _ = try await Self.ship(fixture, id, [("A", 2)])
        try await fixture.outOfStock(id, sku: "A")
        #expect(try await fixture.order(id).status == "partially_shipped", "a fully shipped line needs no batch")
        try await fixture.outOfStock(id, sku: "B")
        #expect(try await fixture.order(id).status == "backordered")
        let cancel = await #expect(throws: DomainError.self) { try await fixture.service.cancelOrder(id: id, caller: fixture.customer) }
        #expect(cancel?.code == "invalid_transition", "goods have left: no cancel, even while backordered")
        try await fixture.store.transaction { tx in
            try await fixture.service.backorderedLineAllocated(
                BackorderedLineAllocated(orderId: id, sku: "B", quantity: 1, batchReference: "b2", eta: nil, expectedShipDate: "2027-01-15",
                                         orderFullyAllocated: true), in: tx)
        }
        #expect(try await fixture.order(id).status == "partially_shipped")
        #expect(try await fixture.changeStatus(id, to: "shipped").status == "shipped")
    }
}
