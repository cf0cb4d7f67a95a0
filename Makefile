# Thin front door: everything real happens in meson/ninja.
#   make          configure (if needed) and build
#   make demo     install missing dependencies, build, run the demo
#   make check    install missing dependencies, build, run every test suite
#   make bench    benchmarks (ratios against reference runs)

BUILD ?= build
NINJA ?= ninja

.PHONY: all deps demo check bench install clean distclean

all: $(BUILD)/build.ninja
	$(NINJA) -C $(BUILD)

$(BUILD)/build.ninja:
	./configure --builddir=$(BUILD)

deps:
	@scripts/install-deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	@scripts/demo.sh $(BUILD)

check: deps
	@$(MAKE) --no-print-directory all
	@scripts/run-tests.sh $(BUILD)

bench: deps
	@$(MAKE) --no-print-directory all
	@tests/bench/run-all.sh $(BUILD)

install: all
	meson install -C $(BUILD)

clean:
	-$(NINJA) -C $(BUILD) clean

distclean:
	rm -rf $(BUILD)
