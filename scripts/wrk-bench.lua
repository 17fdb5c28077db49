-- Used by scripts/wrk-bench.sh. Configured through environment variables:
--   WRK_BENCH_NAME     row label
--   WRK_BENCH_METHOD   request method (default GET)
--   WRK_BENCH_BODY     path of a file whose contents are the request body (optional)
--   WRK_BENCH_HEADERS  header lines "Name: value", separated by newlines (optional)
-- Prints one Markdown table row: | name | requests/s | p50 ms | p99 ms | errors |
-- where errors = connect + read + write + timeout errors + non-2xx/3xx responses.

local name = os.getenv("WRK_BENCH_NAME") or "?"
wrk.method = os.getenv("WRK_BENCH_METHOD") or "GET"

local bodyFile = os.getenv("WRK_BENCH_BODY")
if bodyFile and bodyFile ~= "" then
  local f = assert(io.open(bodyFile, "rb"))
  wrk.body = f:read("*a")
  f:close()
end

local headers = os.getenv("WRK_BENCH_HEADERS")
if headers and headers ~= "" then
  for line in string.gmatch(headers, "[^\n]+") do
    local k, v = string.match(line, "^%s*([^:]+):%s*(.-)%s*$")
    if k then wrk.headers[k] = v end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local errors = e.connect + e.read + e.write + e.timeout + e.status
  local seconds = summary.duration / 1e6
  io.write(string.format("| %s | %.0f | %.2f | %.2f | %d |\n",
    name, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
