-- Used by scripts/wrk-bench.sh. Configured through environment variables:
--   WRK_BENCH_NAME     row label
--   WRK_BENCH_METHOD   request method (default GET)
--   WRK_BENCH_BODY     path of a file whose contents are the request body (optional)
--   WRK_BENCH_HEADERS  header lines "Name: value", separated by newlines (optional)
-- Prints one Markdown table row (scripts/lib/wrk_row.lua): | name | requests/s | p50 ms | p99 ms | errors |

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

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
done = dofile(here .. "lib/wrk_row.lua")(name)
