# Fuzz safety (tests/fuzz/fuzz.c): random instruction words, privileged
# ones included, executed on the simulator library; no crash, no hang.
#
#   make check-fuzz        part of `make check`: FUZZ_WORDS words, fixed seed
#   make check-fuzz-asan   the same harness and simulator built with
#                          -fsanitize=address,undefined (no recovery),
#                          and the unit tests (tests/unit) built the same way
#   make check-fuzz FUZZ_SEED=7 FUZZ_WORDS=10000000   a longer run

FUZZ_OUT   := $(BUILD)/tests/fuzz
FUZZ_SRCS  := tests/fuzz/fuzz.c tests/fuzz/words.c
FUZZ_HDRS  := tests/fuzz/words.h
FUZZ_WORDS ?= 1000000
FUZZ_SEED  ?= 20261124
ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_OBJS  := $(patsubst $(BUILD)/obj/%,$(BUILD)/asan/obj/%,$(LIB_OBJS))

.PHONY: check-fuzz check-fuzz-asan fuzz-bins

$(FUZZ_OUT)/fuzz: $(FUZZ_SRCS) $(FUZZ_HDRS) $(BUILD)/liblvzsim.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $(FUZZ_SRCS) $(BUILD)/liblvzsim.a $(LDLIBS)

$(BUILD)/asan/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(ASAN_FLAGS) -c -o $@ $<

$(FUZZ_OUT)/fuzz-asan: $(FUZZ_SRCS) $(FUZZ_HDRS) $(ASAN_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(ASAN_FLAGS) -o $@ $(FUZZ_SRCS) $(ASAN_OBJS) $(LDLIBS)

UNIT_ASAN_BINS := $(patsubst tests/unit/%.c,$(BUILD)/asan/tests/unit/%,$(sort $(wildcard tests/unit/test_*.c)))
$(BUILD)/asan/tests/unit/%: tests/unit/%.c $(ASAN_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(ASAN_FLAGS) -o $@ $< $(ASAN_OBJS) $(LDLIBS) -lcmocka

-include $(ASAN_OBJS:.o=.d) $(UNIT_ASAN_BINS:=.d)

fuzz-bins: $(FUZZ_OUT)/fuzz

check-fuzz: $(FUZZ_OUT)/fuzz
	@sh tests/fuzz/run.sh fuzz $(FUZZ_OUT)/fuzz $(FUZZ_WORDS) $(FUZZ_SEED)

check-fuzz-asan: $(FUZZ_OUT)/fuzz-asan $(UNIT_ASAN_BINS)
	@export ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:abort_on_error=1; \
		sh tests/fuzz/unit_asan.sh $(UNIT_ASAN_BINS); u=$$?; \
		sh tests/fuzz/run.sh fuzz-asan $(FUZZ_OUT)/fuzz-asan $(FUZZ_WORDS) $(FUZZ_SEED) && exit $$u
