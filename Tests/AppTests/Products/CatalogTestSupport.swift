import Foundation
import TestSupport

extension TestApp {
    /// A staff member's access token (registered, promoted by the admin, logged in).
    func staffToken(_ email: String = "staff@example.com") async throws -> String {
        let id = try await register(email)
        let admin = try await adminToken()
        let promoted = try await http.json("PATCH", "/v1/users/\(id)", ["roles": ["staff"]], token: admin)
        guard promoted.status == 200 else { throw TestAppError.unexpected("promote: \(promoted.status) \(promoted.bodyText)") }
        return try await logIn(email).access
    }

    /// Creates a product through the API and returns its JSON.
    @discardableResult
    func createProduct(_ sku: String, name: String = "Thing", description: String = "", category: String = "Misc",
                       price: Int = 1000, token: String) async throws -> [String: Any] {
        let response = try await http.json("POST", "/v1/products", Self.productBody(sku, name: name, description: description,
                                                                                   category: category, price: price), token: token)
        guard response.status == 201 else { throw TestAppError.unexpected("create \(sku): \(response.status) \(response.bodyText)") }
        return response.object
    }

    static func productBody(_ sku: String, name: String = "Thing", description: String = "", category: String = "Misc",
                            price: Int = 1000, currency: String = "EUR") -> [String: Any] {
        ["sku": sku, "name": name, "description": description, "category": category, "price": ["amount": price, "currency": currency]]
    }
}

extension TestClient.Response {
    /// The `items` of a page body.
    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }
}
