# check-fpu: the scalar FPU against QEMU 7.2 (tests/fpu/README.md).
#
#   vector images  gen_vectors.py makes one table of operations per image;
#                  vec_main.c prints every result and FCSR0 in hex
#   fpu-exc        FPD, FPE, FCSR views, fcc/branches, FP loads and stores
# Each image runs on lvzsim and QEMU through tests/rt/compare.sh.

FPU_OUT := $(BUILD)/tests/fpu
FPU_VEC_NAMES := fpu-arith-s fpu-arith-d fpu-fma fpu-cvt fpu-cmp
FPU_VEC_IMAGES := $(addprefix $(FPU_OUT)/,$(addsuffix .elf,$(FPU_VEC_NAMES)))
FPU_IMAGES := $(FPU_VEC_IMAGES) $(FPU_OUT)/fpu-exc.elf

.PHONY: check-fpu fpu-images
fpu-images: $(FPU_IMAGES)
images: fpu-images

$(FPU_OUT)/gen/%.S: tests/fpu/gen_vectors.py
	@mkdir -p $(dir $@)
	python3 tests/fpu/gen_vectors.py $* $(dir $@)

$(TGT)/fpu-gen/%.o: $(FPU_OUT)/gen/%.S
	@mkdir -p $(dir $@)
	$(TARGET_CC) $(TGT_CFLAGS) -c -o $@ $<

$(FPU_OUT)/%.elf: $(TGT)/fpu-gen/%.o $(TGT)/tests/fpu/vec_main.o $(TGT)/tests/fpu/vec_exec.o $(RT_OBJS)
	$(RT_LINK)

$(FPU_OUT)/fpu-exc.elf: $(TGT)/tests/fpu/fpu_exc.o $(TGT)/tests/fpu/fpu_exc_asm.o $(RT_OBJS)
	$(RT_LINK)

check-fpu: sim fpu-images
	@sh tests/fpu/run.sh $(FPU_IMAGES)
