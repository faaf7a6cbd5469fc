/*
 * vuart.h - the virtual 16550 UART of each VM (design part 9).
 */
#ifndef HV_VUART_H
#define HV_VUART_H

#include <stdbool.h>
#include <stdint.h>

struct vm;

struct vuart {
	uint8_t ier, lcr, mcr, scr, dll, dlm;
	bool thre_pending;      /* "transmitter holding register empty" interrupt */
};

void vuart_init(struct vm *vm);
uint64_t vuart_read(struct vm *vm, uint64_t off, unsigned size);
void vuart_write(struct vm *vm, uint64_t off, unsigned size, uint64_t val);

#endif
