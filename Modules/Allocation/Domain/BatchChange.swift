/// What staff change on a batch (`PATCH /v1/batches/{reference}`): its quantity, its ETA, or both.
public struct BatchChange: Sendable, Equatable {
    /// A new ETA, or the batch's arrival.
    public enum ETA: Sendable, Equatable {
        /// The shipment is now expected on this date.
        case expected(ArrivalDate)
        /// The shipment arrived: it becomes warehouse stock.
        case arrived
    }

    /// The new purchased quantity, if it changes.
    public var quantity: Int?
    /// The new ETA, if it changes.
    public var eta: ETA?

    public init(quantity: Int? = nil, eta: ETA? = nil) {
        self.quantity = quantity
        self.eta = eta
    }
}
