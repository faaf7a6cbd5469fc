# check-debugger: the interactive debugger, the trace, the gdb stub and
# checkpoints (tests/debugger/run.sh).
DBG_OUT := $(BUILD)/tests/debugger
DBG_IMAGES := $(DBG_OUT)/lvzguest.elf

$(TGT)/tests/debugger/%.o: TGT_CFLAGS += -Itests/debugger
$(DBG_OUT)/lvzguest.elf: $(TGT)/tests/debugger/lvzguest.o $(TGT)/tests/debugger/guest.o $(RT_OBJS)
	$(RT_LINK)

.PHONY: check-debugger debugger-images
debugger-images: $(DBG_IMAGES)
images: debugger-images

# The hypervisor's images too, when hypervisor/ is there (sessions on them).
check-debugger: sim debugger-images cli-images $(if $(wildcard hypervisor/hypervisor.mk),hv-images)
	@sh tests/debugger/run.sh
