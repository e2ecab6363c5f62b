-- POST /v1/products with a fresh SKU each time ("L<RUN_ID>-<thread>-<counter>"), as staff ($TOKEN).
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local counter, run_id, headers = 0, nil, {}
function init(args)
  run_id = os.getenv("RUN_ID")
  headers["Content-Type"] = "application/json"
  headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"sku":"L%s-%d-%d","name":"Load product %d","description":"Inserted by make bench.",' ..
    '"category":"bench","price":{"amount":%d,"currency":"EUR"}}', run_id, tid, counter, counter, 100 + counter % 99900)
  return wrk.format("POST", "/v1/products", headers, body)
end
