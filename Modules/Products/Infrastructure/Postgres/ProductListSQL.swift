import Foundation
import Kernel
import Postgres
import ProductsApplication
import ProductsDomain

/// The `SELECT` of one listing page. Only the conditions in use are written (so each combination is its own
/// prepared statement with a plan that can use its index: the GIN index for `q`, a `(key, id)` index for the
/// keyset), and every value the caller gave is a bound parameter: the SQL text is built from fixed fragments only.
struct ProductListSQL {
    private(set) var sql: String
    private(set) var parameters: [PostgresValue] = []

    init(filter: ProductFilter, sort: ProductSort, page: PageRequest) throws {
        var conditions = ["status = 'active'"]
        sql = ""
        if let search = filter.search {
            conditions.append("search @@ \(Self.prefixQuery(bind(.text(search.text))))")
        }
        if let category = filter.category { conditions.append("category = \(bind(.text(category.value)))::text") }
        if let min = filter.minPrice { conditions.append("price_amount >= \(bind(.int(Int(min))))::bigint") }
        if let max = filter.maxPrice { conditions.append("price_amount <= \(bind(.int(Int(max))))::bigint") }

        let column: String
        switch sort.key {
        case .name: column = "name"
        case .price: column = "price_amount"
        case .createdAt: column = "created_at"
        }
        let direction = sort.isDescending ? "DESC" : "ASC"
        if let after = page.after?.values {
            guard after.count == 2, let id = UUID(uuidString: after[1]) else { throw DomainError.invalidCursor }
            let key: String
            switch sort.key {
            case .name:
                key = "\(bind(.text(after[0])))::text"
            case .price:
                guard let amount = Int(after[0]) else { throw DomainError.invalidCursor }
                key = "\(bind(.int(amount)))::bigint"
            case .createdAt:
                guard let micros = Int(after[0]) else { throw DomainError.invalidCursor }
                // Exact: integer microseconds, no floating-point seconds in between.
                key = "('epoch'::timestamptz + \(bind(.int(micros)))::bigint * interval '1 microsecond')"
            }
            conditions.append("(\(column), id) \(sort.isDescending ? "<" : ">") (\(key), \(bind(.uuid(id)))::uuid)")
        }
        let limit = bind(.int(page.limit + 1))
        if filter.search != nil {
            // Prepared statements get a generic plan, which may walk the sort index and test every row against
            // the search; fencing the match in a CTE makes the cost follow the number of matches (GIN index
            // first, then a top-N sort) however the newest rows happen to look.
            sql = """
                WITH matches AS MATERIALIZED (
                    SELECT \(PostgresProductRepository.columns) FROM products.products
                    WHERE \(conditions.joined(separator: " AND ")))
                SELECT * FROM matches
                ORDER BY \(column) \(direction), id \(direction)
                LIMIT \(limit)
                """
        } else {
            sql = """
                SELECT \(PostgresProductRepository.columns) FROM products.products
                WHERE \(conditions.joined(separator: " AND "))
                ORDER BY \(column) \(direction), id \(direction)
                LIMIT \(limit)
                """
        }
    }

    private mutating func bind(_ value: PostgresValue) -> String {
        parameters.append(value)
        return "$\(parameters.count)"
    }

    /// `'word1':* & 'word2':*` over the words PostgreSQL's own parser finds in the bound text (the same
    /// `to_tsvector('simple', …)` that built the index), each quoted as a tsquery lexeme (`'` doubled, `\`
    /// escaped), so search syntax in the input stays text. No words at all gives NULL, which matches nothing.
    static func prefixQuery(_ parameter: String) -> String {
        #"""
        (SELECT string_agg('''' || replace(replace(word.lexeme, '\', '\\'), '''', '''''') || ''':*', ' & ')::tsquery
         FROM unnest(to_tsvector('simple'::regconfig, \#(parameter)::text)) AS word)
        """#
    }
}
