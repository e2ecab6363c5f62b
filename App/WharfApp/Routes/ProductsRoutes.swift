import Foundation
import HTTPServer
import Kernel
import ProductsContracts
import UsersContracts

/// "Products (catalog)" of the HTTP contract. Reads are public; writes need a staff or admin caller, checked
/// here (`StaffContext`) because the catalog knows nothing of users.
enum ProductsRoutes {
    static func register(on router: Router, products: any ProductsFacade, users: any UsersFacade) {
        let catalog = router.group("/v1/products")
        catalog.get { request, _ in
            try .json(PageBody(try await products.listProducts(listQuery(request.queryParameters))))
        }
        catalog.get("/{id}") { request, context in
            let product = try await products.product(id: context.parameters.uuid("id"))
            let etag = ETag.of(product)
            if let condition = request.headers["If-None-Match"], ETag.noneMatchIsSatisfied(condition, etag) {
                return HTTPResponse(status: .notModified, headers: ["ETag": etag])
            }
            return try .json(product, headers: ["ETag": etag])
        }

        let staff = catalog.add(middleware: Authentication.middleware(users)).narrowed(to: StaffContext.self)
        staff.post { request, context in
            let product = try await products.createProduct(request.decode(CreateProduct.self), by: context.caller)
            return try .json(product, status: .created,
                             headers: ["Location": "/v1/products/\(product.id.lowercased)", "ETag": ETag.of(product)])
        }
        staff.patch("/{id}") { request, context in
            let id = try context.parameters.uuid("id")
            let ifMatch = request.headers["If-Match"].flatMap(ETag.expectedVersion)
            let product = try await products.updateProduct(id: id, request.decode(UpdateProduct.self), ifMatch: ifMatch, by: context.caller)
            return try .json(product, headers: ["ETag": ETag.of(product)])
        }
        staff.delete("/{id}") { _, context in
            try await products.discontinueProduct(id: context.parameters.uuid("id"), by: context.caller)
            return .noContent
        }
    }

    static func listQuery(_ query: QueryParameters) throws -> ProductListQuery {
        // In this order, so that of several bad parameters the same one is reported as before.
        let minPrice = try query.int("minPrice"), maxPrice = try query.int("maxPrice")
        let page = try PageParameters(query)
        return ProductListQuery(
            q: query.string("q"), category: query.string("category"), minPrice: minPrice, maxPrice: maxPrice,
            sort: query.string("sort"), limit: page.limit, cursor: page.cursor)
    }
}
