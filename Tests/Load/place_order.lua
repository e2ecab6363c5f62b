-- POST /v1/orders as a customer ($ORDER_TOKEN): 1..3 distinct SKUs drawn from the first $ORDER_SKUS seeded
-- products (SEED-000000 ...), quantity 1..3, no Idempotency-Key. Every request is a new order.
local headers, skus = {}, 1000
function init(args)
  headers["Content-Type"] = "application/json"
  headers["Authorization"] = "Bearer " .. os.getenv("ORDER_TOKEN")
  skus = tonumber(os.getenv("ORDER_SKUS") or "1000")
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  local count, used, lines = math.random(1, 3), {}, {}
  while #lines < count do
    local n = math.random(0, skus - 1)
    if not used[n] then
      used[n] = true
      lines[#lines + 1] = string.format('{"sku":"SEED-%06d","quantity":%d}', n, math.random(1, 3))
    end
  end
  return wrk.format("POST", "/v1/orders", headers, '{"lines":[' .. table.concat(lines, ",") .. ']}')
end

-- $ORDER_DELAY_MS paces each connection (default 0: as fast as the server answers), so the time from placement
-- to awaiting_payment can be measured below the rate the event pipeline sustains, not only as a backlog.
local pause = tonumber(os.getenv("ORDER_DELAY_MS") or "0")
function delay()
  return pause
end
