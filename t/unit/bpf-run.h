/*
 * bpf-run.h: a classic-BPF interpreter for the unit tests of claw's
 * seccomp programs (unit-unotif, unit-seccomp-stack, unit-ioctl-filter).
 * It knows the instructions lib/seccomp.c writes (a load of a word of
 * struct seccomp_data, JEQ/JGE/JSET with a constant, RET), and answers
 * 0xdead for anything else, an offset out of range, or falling off the
 * end, so that a program claw should never write fails its test.
 */
#ifndef CLAW_T_BPF_RUN_H
#define CLAW_T_BPF_RUN_H

#include <claw/uapi.h>

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

struct data {			/* struct seccomp_data */
	int32_t nr;
	uint32_t arch;
	uint64_t ip;
	uint64_t args[6];
};

static int steps;		/* instructions the last run took */
static bool read_args;		/* the last run loaded an argument */

static uint32_t
run(const struct claw_sock_filter *prog, size_t len, const struct data *d)
{
	uint32_t acc = 0;
	size_t pc = 0;

	read_args = false;
	for (steps = 0; pc < len; steps++) {
		const struct claw_sock_filter *f = &prog[pc++];

		switch (f->code) {
		case CLAW_BPF_LD_W_ABS:
			if (f->k > sizeof *d - 4 || f->k % 4)
				return 0xdead;
			if (f->k >= CLAW_SECCOMP_DATA_ARGS(0))
				read_args = true;
			memcpy(&acc, (const char *)d + f->k, 4);
			break;
		case CLAW_BPF_JEQ_K:
			pc += acc == f->k ? f->jt : f->jf;
			break;
		case CLAW_BPF_JGE_K:
			pc += acc >= f->k ? f->jt : f->jf;
			break;
		case CLAW_BPF_JSET_K:
			pc += (acc & f->k) ? f->jt : f->jf;
			break;
		case CLAW_BPF_RET_K:
			return f->k;
		default:
			return 0xdead;
		}
	}
	return 0xdead;		/* fell off the end */
}

#endif
