/*
 * hvcall.h - the hypercall ABI (design part 8), shared by the hypervisor
 * and its guests.  README.md documents the same table.
 *
 *   hvcl 0            the only hypercall instruction code (BADI[14:0] = 0)
 *   a0 = function     one of HC_* below
 *   a1..a3 = args
 *   a0 = result       >= 0 success, < 0 one of HC_E*; other GPRs preserved
 *
 * Reaction to a bad call: an hvcl code other than 0, or an unknown function
 * number, injects an instruction-not-exist exception (INE) into the guest at
 * the hvcl, as if the instruction did not exist.  A bad argument (a buffer
 * outside the VM's RAM) returns HC_EFAULT and does nothing.
 */
#ifndef HV_HVCALL_H
#define HV_HVCALL_H

#define HVCL_CODE         0

#define HC_CONSOLE_WRITE  1   /* a1 = GPA of bytes, a2 = length (<= HC_CONSOLE_MAX) -> a0 = length */
#define HC_EXIT           2   /* a1 = status (0 = the guest passed); does not return            */
#define HC_YIELD          3   /* give up the rest of the time slice -> a0 = 0                 */
#define HC_VM_ID          4   /* -> a0 = this VM's id (0, 1, ... in start order)             */

#define HC_CONSOLE_MAX    4096

#define HC_EFAULT         (-2)  /* argument points outside the VM's RAM */

#endif
