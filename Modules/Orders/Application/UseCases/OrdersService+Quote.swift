public import OrdersContracts
import OrdersDomain

extension OrdersService {
    /// Validates the lines as `placeOrder` does (`422`, `duplicate_line`, `unknown_sku`), prices them from the
    /// catalog, and asks `promises` when each could ship; the total and the date follow the order's own rules. A
    /// read: no transaction, nothing stored or reserved (docs/adr/0017).
    public func quote(_ command: PlaceOrder, promises: any ShipDatePromises) async throws -> QuoteDTO {
        let requested = try RequestedLines(command.lines.map { (sku: $0.sku, quantity: $0.quantity) })
        // The two reads are independent: prices and dates are asked at once (an unknown SKU is refused after).
        async let prices = catalog.activePrices(skus: requested.skus)
        async let promised = promises.promise(requested.lines.map { (sku: $0.sku, quantity: $0.quantity) })
        let priced = try requested.priced(by: try await prices)
        let dates = try await promised
        let lines = zip(priced, dates).map { line, date in
            OrderLine(sku: line.sku, quantity: line.quantity, unitPrice: line.unitPrice, expectedShipDate: date)
        }
        return QuoteDTO(
            lines: lines.map {
                QuoteDTO.Line(sku: $0.sku, quantity: $0.quantity, unitPrice: $0.unitPrice, available: $0.expectedShipDate != nil,
                              expectedShipDate: $0.expectedShipDate)
            },
            total: try Order.total(of: lines), expectedShipDate: Order.shipDate(of: lines))
    }
}
