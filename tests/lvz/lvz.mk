# check-lvz: bare-metal host programs that enter LVZ guest mode and check
# each rule of docs/lvz.md with asserted values (tests/lvz/run.sh).  QEMU
# 7.2 has no LVZ, so they run on lvzsim only: a program passes if it exits
# with status 0 after printing PASS (rt_done), and fails on any FAIL line.
# A program may print "SKIP: why" instead (then "ok - ... # SKIP why").

LVZ_OUT := $(BUILD)/tests/lvz
LVZ_PROGS := $(filter-out lvz,$(basename $(notdir $(wildcard tests/lvz/*.c))))
LVZ_IMAGES := $(addprefix $(LVZ_OUT)/,$(addsuffix .elf,$(LVZ_PROGS)))
LVZ_LIB := $(TGT)/tests/lvz/lvz.o $(TGT)/tests/lvz/vm.o

.PHONY: check-lvz lvz-images
lvz-images: $(LVZ_IMAGES)
images: lvz-images

$(LVZ_OUT)/%.elf: $(TGT)/tests/lvz/%.o $(LVZ_LIB) $(RT_OBJS)
	$(RT_LINK)

check-lvz: sim lvz-images
	@sh tests/lvz/run.sh $(LVZ_IMAGES)
