print("tzpy-bench: no benchmarks yet")
