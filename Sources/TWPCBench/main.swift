// Benchmarks: `make bench`. Filled in by the expression engine and the HTTP benchmarks.
print("no benchmarks yet")
