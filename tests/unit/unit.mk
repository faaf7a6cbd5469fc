# CMocka unit tests: tests/unit/test_<name>.c, each linked with the
# simulator library (everything but sim/main.c).
#
#   make check-unit     build and run them all (TAP output)

UNIT_SRCS  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS  := $(patsubst tests/unit/%.c,$(BUILD)/tests/unit/%,$(UNIT_SRCS))

.PHONY: check-unit unit-tests
unit-tests: $(UNIT_BINS)

$(BUILD)/tests/unit/%: tests/unit/%.c $(BUILD)/liblvzsim.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -o $@ $< $(BUILD)/liblvzsim.a $(LDLIBS) -lcmocka

check-unit: $(UNIT_BINS)
	@sh tests/unit/run.sh $(UNIT_BINS)

-include $(UNIT_BINS:=.d)
