/// Whether a product is sold. Discontinuing is soft: the product keeps its id, SKU and history.
public enum ProductStatus: String, Sendable, Hashable {
    case active, discontinued
}
