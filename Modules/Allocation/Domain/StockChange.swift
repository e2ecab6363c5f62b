/// What an operation on a SKU's stock did, in order, for the application layer to store and announce
/// (Cosmic Python's domain events).
public enum StockChange: Hashable, Sendable {
    /// `line` went to `batch`.
    case allocated(OrderLine, batch: Batch)
    /// `line` was taken off `batch` (the batch shrank, or its order was released).
    case deallocated(OrderLine, batch: BatchReference)
    /// `line`, taken off `from`, went to `to`.
    case reallocated(OrderLine, from: BatchReference, to: Batch)
    /// No batch could take `line`; `wasAllocated` when it lost its batch.
    case outOfStock(OrderLine, wasAllocated: Bool)
    /// `line` stays on `batch`, whose ETA moved or which arrived: its expected ship date changes.
    case rescheduled(OrderLine, batch: Batch)
}
