# Thin front door: everything real happens in meson/ninja.
#   make          configure (if needed) and build
#   make demo     install missing dependencies, build, run the demo
#   make check    install missing dependencies, build, run every test suite
#   make bench    benchmarks (ratios against reference runs)
#   make check-real DIR=path [QEMU_OPTS='-cpu e2s'] [TIMEOUT=120]
#                 run every e2k ELF program in DIR under qemu-e2k and
#                 compare with its expected-results file (tests/check-real.sh;
#                 not part of `make check`: the programs are not ours)
#   make check-disas DIR=path ISA=N
#                 disassemble every bundle of each e2k ELF program in DIR
#                 (ISA version N, 2..7) and check that the text re-assembles
#                 to the same bytes (not part of `make check`, as above)
#   make fuzz TARGET=name [SECONDS=N]
#                 build the libFuzzer targets in build-fuzz and run one
#   make fuzz-campaign [SECONDS=3600] [TARGETS="qcow2 vmdk ..."]
#                 run the targets one after another, SECONDS each, and
#                 append a line per target to build-fuzz/fuzz-campaign.md
#   make crash-test [CYCLES=1000] [SEED=S] [FEATURES=qcow2,...]
#                 SIGKILL qemu-img/qemu-io writers, check and verify the
#                 images (tests/crash/crash-test.py; 20 cycles run in check)
#   make fuzz-bundles [COUNT=1000000] [SEED=S] [ISA="2 3 4 5 6 7"]
#                 random e2k bundles through the translator, both backends,
#                 each ISA version (tests/fuzz/fuzz-e2k --random; 10^4
#                 per version and backend run in check)

BUILD ?= build
NINJA ?= ninja

FUZZ_BUILD ?= build-fuzz
SECONDS ?= 60

CYCLES ?= 1000
COUNT ?= 1000000

.PHONY: all deps demo check check-real check-disas bench fuzz fuzz-campaign crash-test \
        fuzz-bundles install clean distclean

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

check-real: all
	@if [ -z "$(DIR)" ]; then \
	    echo "usage: make check-real DIR=directory-of-e2k-programs" \
	         "[QEMU_OPTS='-cpu e2s'] [TIMEOUT=seconds]" >&2; exit 2; fi
	@tests/check-real.sh -e $(BUILD)/linux-user/qemu-e2k "$(DIR)" -- $(QEMU_OPTS)

check-disas: all
	@if [ -z "$(DIR)" ] || [ -z "$(ISA)" ]; then \
	    echo "usage: make check-disas DIR=directory-of-e2k-programs ISA=2..7" >&2; \
	    exit 2; fi
	@$(BUILD)/tests/asm/test-vectors --elf $(ISA) $$(for f in "$(DIR)"/*; do \
	    [ -f "$$f" ] && [ "$$(head -c 4 "$$f" | od -An -c | tr -d ' ')" = '177ELF' ] \
	    && printf '%s\n' "$$f"; done)

bench: deps
	@$(MAKE) --no-print-directory all
	@tests/bench/run-all.sh $(BUILD)

fuzz:
	@if [ -z "$(TARGET)" ]; then \
	    echo "usage: make fuzz TARGET=name [SECONDS=N]; TARGET one of:" \
	         "$$(tests/fuzz/run-fuzz.sh $(FUZZ_BUILD) list)" >&2; exit 2; fi
	@[ -f $(FUZZ_BUILD)/build.ninja ] || \
	    ./configure --builddir=$(FUZZ_BUILD) --enable-fuzzing
	$(NINJA) -C $(FUZZ_BUILD) tests/fuzz/fuzz-$(TARGET)
	@tests/fuzz/run-fuzz.sh $(FUZZ_BUILD) $(TARGET) $(SECONDS)

fuzz-campaign:
	@[ -f $(FUZZ_BUILD)/build.ninja ] || \
	    ./configure --builddir=$(FUZZ_BUILD) --enable-fuzzing
	$(NINJA) -C $(FUZZ_BUILD) $(addprefix tests/fuzz/fuzz-,$(or $(TARGETS), \
	    $(shell tests/fuzz/run-fuzz.sh $(FUZZ_BUILD) list)))
	@tests/fuzz/campaign.sh $(FUZZ_BUILD) \
	    $(if $(filter command line environment,$(origin SECONDS)),$(SECONDS),3600) \
	    $(TARGETS)

crash-test: all
	nice -n 10 tests/crash/crash-test.py --cycles $(CYCLES) \
	    $(if $(SEED),--seed $(SEED)) $(if $(FEATURES),--features $(FEATURES)) \
	    $(BUILD)

fuzz-bundles: all
	@for isa in $(or $(ISA),2 3 4 5 6 7); do for b in native interp; do \
	    QEMU_TCG_BACKEND=$$b G_SLICE=always-malloc nice -n 10 \
	        $(BUILD)/tests/fuzz/fuzz-e2k --random $(COUNT) --isa $$isa \
	        $(if $(SEED),--seed $(SEED)) tests/tcg/e2k/ref/*.ref.elf || exit 1; \
	done; done

install: all
	meson install -C $(BUILD)

clean:
	-$(NINJA) -C $(BUILD) clean

distclean:
	rm -rf $(BUILD)
