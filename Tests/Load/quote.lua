-- POST /v1/quotes (anyone, no token): 3 distinct SKUs drawn from the first $ORDER_SKUS seeded products
-- (SEED-000000 ..., each with a warehouse batch from seed_batches.py), quantity 1..3. A read: nothing is reserved.
local headers, skus = {}, 1000
function init(args)
  headers["Content-Type"] = "application/json"
  skus = tonumber(os.getenv("ORDER_SKUS") or "1000")
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

function request()
  local used, lines = {}, {}
  while #lines < 3 do
    local n = math.random(0, skus - 1)
    if not used[n] then
      used[n] = true
      lines[#lines + 1] = string.format('{"sku":"SEED-%06d","quantity":%d}', n, math.random(1, 3))
    end
  end
  return wrk.format("POST", "/v1/quotes", headers, '{"lines":[' .. table.concat(lines, ",") .. ']}')
end
