public import Kernel

/// The catalog as Orders needs it: the current unit prices of the active products among some SKUs, in one call.
public protocol CatalogPrices: Sendable {
    /// Normalised SKU → unit price, for the SKUs that are active products; others are left out.
    func activePrices(skus: [String]) async throws -> [String: Money]
}
