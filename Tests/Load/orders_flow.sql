-- After the POST /v1/orders run (Tests/Load/run): how the placed orders went on. Placement → awaiting_payment
-- (allocation + payment creation, driven by events) from the status history, and the end-to-end rate: orders
-- that reached awaiting_payment per second between the first placement and the last of them.
WITH flow AS (
    SELECT o.created_at, h.at AS awaiting_at
    FROM orders.orders o JOIN orders.status_history h ON h.order_id = o.id AND h.status = 'awaiting_payment')
SELECT (SELECT count(*) FROM orders.orders) AS placed,
       count(*) AS reached_awaiting_payment,
       (SELECT count(*) FROM orders.orders WHERE status = 'pending') AS still_pending,
       round((count(*) / nullif(extract(epoch FROM max(awaiting_at) - min(created_at)), 0))::numeric, 1) AS e2e_orders_per_s,
       round((1000 * extract(epoch FROM percentile_cont(0.5) WITHIN GROUP (ORDER BY awaiting_at - created_at)))::numeric, 1) AS p50_ms,
       round((1000 * extract(epoch FROM percentile_cont(0.99) WITHIN GROUP (ORDER BY awaiting_at - created_at)))::numeric, 1) AS p99_ms
FROM flow;
