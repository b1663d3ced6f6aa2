# The project's make targets; tests are `bash scripts/test-all`.
.PHONY: help bench

help:
	@echo "make bench   build, check that every entry point and incumbent signs alike, time them,"
	@echo "             write BENCHMARKS.md and bench/chart.svg (bench/run --help)"

bench:
	python3 bench/run $(BENCH_ARGS)
