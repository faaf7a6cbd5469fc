# Disassembler check against llvm-objdump-19 (tests/disasm/run.sh).
#
#   make check-disasm   build the host-side generator, then compare
#                       insn_disasm() with llvm-objdump-19 on generated words
#
# Works included from the top-level Makefile or standalone:
#   make -f tests/disasm/disasm.mk check-disasm
# Also here, for working on decode/ before every exec_* handler exists:
#   make -f tests/disasm/disasm.mk check-decode-standalone
#                       tests/unit/test_decode.c linked with stub handlers

BUILD  ?= build
CC     ?= gcc
ifeq ($(origin CC),default)
CC     := gcc
endif
CFLAGS ?= -std=c11 -O2 -Wall -Wextra

DISASM_OUT  := $(BUILD)/tests/disasm
DISASM_GEN  := $(DISASM_OUT)/disasm_gen
# The decoder alone: table, lookup, disassembler; stub handlers from insns.def.
DISASM_SRCS := decode/decode.c decode/disasm.c tests/disasm/stubs.c
DISASM_HDRS := decode/decode.h decode/formats.def decode/insns.def

.PHONY: check-disasm check-decode-standalone

$(DISASM_GEN): tests/disasm/disasm_gen.c $(DISASM_SRCS) $(DISASM_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -I. -o $@ tests/disasm/disasm_gen.c $(DISASM_SRCS)

check-disasm: $(DISASM_GEN)
	@BUILD=$(BUILD) DISASM_GEN=$(DISASM_GEN) bash tests/disasm/run.sh

$(DISASM_OUT)/test_decode: tests/unit/test_decode.c $(DISASM_SRCS) $(DISASM_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -I. -o $@ tests/unit/test_decode.c $(DISASM_SRCS) -lcmocka

check-decode-standalone: $(DISASM_OUT)/test_decode
	@CMOCKA_MESSAGE_OUTPUT=TAP $(DISASM_OUT)/test_decode
