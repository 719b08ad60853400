/* claw/version.h: the toolkit's version (set by the Makefile). */
#ifndef CLAW_VERSION_H
#define CLAW_VERSION_H
#ifndef CLAW_VERSION
#define CLAW_VERSION "0.0.0"
#endif
#endif
