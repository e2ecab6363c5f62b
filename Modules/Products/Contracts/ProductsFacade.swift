public import Foundation
public import Kernel

/// Everything the Products context offers App's routes and the other contexts. Errors are `DomainError`s
/// (codes such as `sku_taken`, `precondition_failed`, `invalid_cursor`, `not_found`).
///
/// Authorization is the caller's: the catalog has no notion of users, so App's routes let only staff and admins
/// reach `createProduct`, `updateProduct` and `discontinueProduct` (docs/ARCHITECTURE.md, "Products").
public protocol ProductsFacade: Sendable {
    /// Adds a product (SKU normalised and unique, price in the store currency). `caller` is recorded in the audit
    /// log (`product.created`; nil: the shop itself).
    func createProduct(_ command: CreateProduct, by caller: Caller?) async throws -> ProductDTO
    /// One product, discontinued ones too; `404` when unknown.
    func product(id: UUID) async throws -> ProductDTO
    /// Active products matching the query, keyset-paged in the requested sort.
    func listProducts(_ query: ProductListQuery) async throws -> Page<ProductDTO>
    /// Applies a change. With `ifMatch` (a version), `412 precondition_failed` unless it is the current one;
    /// without, concurrent updates are applied one after the other (none is lost).
    /// `product.updated` names each changed member in the audit log.
    func updateProduct(id: UUID, _ command: UpdateProduct, ifMatch: Int64?, by caller: Caller?) async throws -> ProductDTO
    /// Discontinues a product; doing it again changes nothing (and records nothing). `404` when unknown.
    func discontinueProduct(id: UUID, by caller: Caller?) async throws
    /// For other contexts (Orders prices lines, Allocation checks SKUs): the active products among `skus`, in one
    /// query. SKUs are normalised like on creation; unknown, invalid and discontinued ones are left out.
    func activeProducts(skus: [String]) async throws -> [ProductSummary]
}

extension ProductsFacade {
    /// A change the shop makes itself (seeding, tests): recorded with the actor `system`.
    public func createProduct(_ command: CreateProduct) async throws -> ProductDTO { try await createProduct(command, by: nil) }
    /// A change the shop makes itself: recorded with the actor `system`.
    public func updateProduct(id: UUID, _ command: UpdateProduct, ifMatch: Int64?) async throws -> ProductDTO {
        try await updateProduct(id: id, command, ifMatch: ifMatch, by: nil)
    }
    /// A change the shop makes itself: recorded with the actor `system`.
    public func discontinueProduct(id: UUID) async throws { try await discontinueProduct(id: id, by: nil) }
}
