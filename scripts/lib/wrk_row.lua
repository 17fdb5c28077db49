-- Loaded by the wrk scripts (scripts/wrk-bench.lua, scripts/bench-api.lua) with dofile, beside
-- them: returns a function that, given a row label, makes wrk's `done` hook, which prints
-- one Markdown table row: | name | requests/s | p50 ms | p99 ms | errors |
-- where errors = connect + read + write + timeout errors + non-2xx/3xx responses.
return function(name)
  return function(summary, latency, requests)
    local e = summary.errors
    local errors = e.connect + e.read + e.write + e.timeout + e.status
    local seconds = summary.duration / 1e6
    io.write(string.format("| %s | %.0f | %.2f | %.2f | %d |\n",
      name, summary.requests / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
  end
end
