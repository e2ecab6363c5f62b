/// When an allocated line can leave the warehouse (docs/adr/0017): on warehouse stock, the day it is allocated;
/// on a shipment, its ETA plus the days to unload and book the goods, counted from today when the ETA has passed
/// (a late ship never promises a date in the past). All dates are UTC civil dates.
public struct ShipDatePolicy: Sendable, Equatable {
    /// The allowed handling days (`ARRIVAL_HANDLING_DAYS`).
    public static let handlingDaysRange = 0...60

    /// Days between a shipment's arrival and the day its goods can leave.
    public let handlingDays: Int

    public init(handlingDays: Int) { self.handlingDays = handlingDays }

    /// The expected ship date of a line allocated to `batch`, seen on `today`.
    public func shipDate(for batch: Batch, today: ArrivalDate) -> ArrivalDate {
        guard let eta = batch.eta else { return today }
        return ArrivalDate(days: max(eta, today).days + Int64(handlingDays))
    }
}
