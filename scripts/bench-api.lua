-- Used by scripts/bench-api.sh for "POST create": spreads creates round-robin over several
-- companies (BENCH_COMPANIES, space-separated ids) so the 1000-config limit is never reached.
-- Authenticates with BENCH_KEY (an admin key). Prints the same row as wrk-bench.lua.
local name = os.getenv("WRK_BENCH_NAME") or "POST create"
local key = os.getenv("BENCH_KEY")
local companies = {}
for id in string.gmatch(os.getenv("BENCH_COMPANIES") or "", "%S+") do companies[#companies + 1] = id end
local counter = 0
local thread_id = 0
local next_thread = 0

function setup(thread)
  thread:set("thread_id", next_thread)
  next_thread = next_thread + 1
end

function request()
  counter = counter + 1
  local company = companies[((counter * 7 + thread_id) % #companies) + 1]
  local body = string.format(
    '{"name":"bench %d-%d","priority":%d,"workerMatch":{"teamIds":["TM-BENCH-1"]},"taskMatch":{"taskTypes":["replyToNewText"]}}',
    thread_id, counter, counter % 100)
  return wrk.format("POST", "/companies/" .. company .. "/task-worker-pairing-configs",
    {["X-API-KEY"] = key, ["Content-Type"] = "application/json"}, body)
end

local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
done = dofile(here .. "lib/wrk_row.lua")(name)
