/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The instructions under test (a32test.c), each in a function of its own so
 * that its encoding is exactly the one named: A32, 16-bit T32 and 32-bit T32
 * loads and stores of every width, loads into banked registers, an IT block,
 * HVC/SMC (conditional too), CP15/CP14 accesses (conditional too).
 */
	.syntax unified
	.arch armv7-a
	.arch_extension virt
	.arch_extension sec
	.arch_extension mp
	.text

.macro afunc name
	.arm
	.balign 4
	.global \name
	.type \name, %function
\name:
.endm
.macro tfunc name
	.thumb
	.balign 4
	.global \name
	.type \name, %function
	.thumb_func
\name:
.endm

/* A32: uint32_t f(addr) / void f(addr, value). */
afunc a32_ldr;   ldr   r0, [r0];  bx lr
afunc a32_ldrh;  ldrh  r0, [r0];  bx lr
afunc a32_ldrb;  ldrb  r0, [r0];  bx lr
afunc a32_ldrsh; ldrsh r0, [r0];  bx lr
afunc a32_ldrsb; ldrsb r0, [r0];  bx lr
afunc a32_str;   str   r1, [r0];  bx lr
afunc a32_strh;  strh  r1, [r0];  bx lr
afunc a32_strb;  strb  r1, [r0];  bx lr
/* Into banked registers of SVC mode: LR_svc (x18) and SP_svc (x19). */
afunc a32_ldr_lr
	push	{lr}
	ldr	lr, [r0]
	mov	r0, lr
	pop	{pc}
afunc a32_ldr_sp
	mov	r2, sp
	ldr	sp, [r0]
	mov	r0, sp
	mov	sp, r2
	bx	lr
/* r8 out of FIQ mode: x8. */
afunc a32_ldr_r8
	push	{r8, lr}
	ldr	r8, [r0]
	mov	r0, r8
	pop	{r8, pc}

/*
 * Banked registers of the other modes (Arm ARM D1.20.1, x24-x30 for FIQ's
 * r8-r14, x16/x17 IRQ, x20/x21 ABT, x22/x23 UND): the caller's mode is left
 * with I and F masked, the banked register saved in r2 and put back, the
 * caller's mode restored (r0-r3 are not banked).
 *   uint32_t f(addr): a load into the mode's register.
 *   void f(addr, value, decoy): a store from it, the caller's (User bank) r8
 *   and the mode's r12 / SP holding @decoy in turn.
 */
.macro banked_ldr name, mode, reg
afunc \name
	mrs	r3, cpsr
	cpsid	if, #\mode
	mov	r2, \reg
	ldr	\reg, [r0]
	mov	r0, \reg
	mov	\reg, r2
	msr	cpsr_c, r3
	bx	lr
.endm
.macro banked_str name, mode, reg
afunc \name
	push	{r4, r8}
	mrs	r3, cpsr
	mov	r8, r2		/* decoy in the caller's r8 */
	cpsid	if, #\mode
	mov	r4, \reg
	mov	\reg, r1
	str	\reg, [r0]
	mov	\reg, r4
	msr	cpsr_c, r3
	pop	{r4, r8}
	bx	lr
.endm
banked_ldr a32_ldr_fiq_r8, 0x11, r8
banked_ldr a32_ldr_fiq_r12, 0x11, r12
banked_ldr a32_ldr_fiq_sp, 0x11, sp
banked_ldr a32_ldr_fiq_lr, 0x11, lr
banked_ldr a32_ldr_irq_lr, 0x12, lr
banked_ldr a32_ldr_abt_sp, 0x17, sp
banked_ldr a32_ldr_und_lr, 0x1b, lr
banked_str a32_str_fiq_r8, 0x11, r8
banked_str a32_str_fiq_r11, 0x11, r11
banked_str a32_str_fiq_lr, 0x11, lr
banked_str a32_str_irq_sp, 0x12, sp
banked_str a32_str_abt_lr, 0x17, lr
banked_str a32_str_und_sp, 0x1b, sp

/* T32, 16-bit encodings (ESR.IL = 0: ELR + 2). ldrsb/ldrsh: register offset r1 = 0. */
tfunc t16_ldr;   ldr.n   r0, [r0];      bx lr
tfunc t16_ldrh;  ldrh.n  r0, [r0];      bx lr
tfunc t16_ldrb;  ldrb.n  r0, [r0];      bx lr
tfunc t16_ldrsh; movs r1, #0; ldrsh.n r0, [r0, r1]; bx lr
tfunc t16_ldrsb; movs r1, #0; ldrsb.n r0, [r0, r1]; bx lr
tfunc t16_str;   str.n   r1, [r0];      bx lr
tfunc t16_strh;  strh.n  r1, [r0];      bx lr
tfunc t16_strb;  strb.n  r1, [r0];      bx lr
/* T32, 32-bit encodings (ESR.IL = 1: ELR + 4). */
tfunc t32_ldr;   ldr.w   r0, [r0];      bx lr
tfunc t32_ldrh;  ldrh.w  r0, [r0];      bx lr
tfunc t32_ldrb;  ldrb.w  r0, [r0];      bx lr
tfunc t32_ldrsh; ldrsh.w r0, [r0];      bx lr
tfunc t32_ldrsb; ldrsb.w r0, [r0];      bx lr
tfunc t32_str;   str.w   r1, [r0];      bx lr
tfunc t32_strh;  strh.w  r1, [r0];      bx lr
tfunc t32_strb;  strb.w  r1, [r0];      bx lr

/*
 * An emulated load inside an IT block: Bulkhead must advance ITSTATE, else
 * the next two instructions run under the wrong condition.
 * uint32_t t32_it(mmio, ram): returns *mmio + 1, never reads *ram.
 */
tfunc t32_it
	movs	r2, #0		/* Z = 1 */
	itte	eq
	ldreq	r0, [r0]	/* 16-bit, trapped */
	addeq	r0, r0, #1
	ldrne	r0, [r1]
	bx	lr

/* SMCCC: uint32_t f(fid, a1, a2, a3), results in r0. */
afunc a32_hvc;  hvc #0; bx lr
afunc a32_smc;  smc #0; bx lr
tfunc t32_hvc;  hvc #0; bx lr
/* A failed condition: r0 comes back unchanged whether or not the SMC traps. */
afunc a32_smc_ne
	cmp	r0, r0
	smcne	#0
	bx	lr

/* CP15/CP14 (A32: the undefined-instruction handler resumes at LR_und). */
afunc a32_pmcr_read;  mrc p15, 0, r0, c9, c12, 0; bx lr
afunc a32_pmcr_read_ne
	mov	r0, #7
	cmp	r0, r0
	mrcne	p15, 0, r0, c9, c12, 0
	bx	lr
afunc a32_dbgdrar;    mrc p14, 0, r0, c1, c0, 0; bx lr
afunc a32_dccisw;     mcr p15, 0, r0, c7, c14, 2; bx lr
afunc a32_sgi1r;      mcrr p15, 0, r0, r1, c12; bx lr
afunc a32_sgi1r_ne
	cmp	r0, r0
	mcrrne	p15, 0, r0, r1, c12
	bx	lr
afunc a32_icc_sre_read;   mrc p15, 0, r0, c12, c12, 5; bx lr
afunc a32_icc_sre_write;  mcr p15, 0, r0, c12, c12, 5; isb; bx lr
afunc a32_icc_pmr_write;  mcr p15, 0, r0, c4, c6, 0; isb; bx lr
afunc a32_icc_grpen1_write; mcr p15, 0, r0, c12, c12, 7; isb; bx lr
afunc a32_icc_iar1;       mrc p15, 0, r0, c12, c12, 0; bx lr
afunc a32_icc_eoir1;      mcr p15, 0, r0, c12, c12, 1; isb; bx lr

/*
 * The secondary vCPU's entry for PSCI CPU_ON with bit 0 set: T32. Writes its
 * r0 (the context) and CPSR to a32_second[0..1], then CPU_OFF.
 */
tfunc a32_secondary_t32
	mrs	r1, cpsr
	ldr	r2, =a32_second
	str	r0, [r2]
	str	r1, [r2, #4]
	dsb	sy
	sev
	ldr	r0, =0x84000002	/* PSCI CPU_OFF */
	hvc	#0
1:	b	1b
	.pool
