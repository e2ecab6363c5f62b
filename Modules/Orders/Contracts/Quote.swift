public import Kernel

/// `POST /v1/quotes`: what an order of these lines would cost and when it would ship, reserving nothing.
public struct QuoteDTO: Sendable, Encodable, Equatable {
    /// One line of a quote.
    public struct Line: Sendable, Encodable, Equatable {
        public var sku: String
        public var quantity: Int
        public var unitPrice: Money
        /// Whether one batch could take the line now.
        public var available: Bool
        /// `YYYY-MM-DD`, or nil when not available.
        public var expectedShipDate: String?
        public init(sku: String, quantity: Int, unitPrice: Money, available: Bool, expectedShipDate: String?) {
            self.sku = sku
            self.quantity = quantity
            self.unitPrice = unitPrice
            self.available = available
            self.expectedShipDate = expectedShipDate
        }
    }

    public var lines: [Line]
    public var total: Money
    /// The latest line's date; nil when any line is not available.
    public var expectedShipDate: String?
    public init(lines: [Line], total: Money, expectedShipDate: String?) {
        self.lines = lines
        self.total = total
        self.expectedShipDate = expectedShipDate
    }
}

/// When stock could ship, as the allocation rules would place lines on the free stock of the moment (App adapts
/// the Allocation facade). Nothing is reserved.
public protocol ShipDatePromises: Sendable {
    /// For each (normalised SKU, quantity), the expected ship date `YYYY-MM-DD` of a line allocated now, or nil when
    /// no single batch could take it; in the order given.
    func promise(_ lines: [(sku: String, quantity: Int)]) async throws -> [String?]
}
