/*
 * claw/paths.h: paths compared by component.
 *
 * Every function takes and returns absolute paths ("/" separated, no
 * trailing slash except for "/" itself).  Returned strings are owned by
 * the caller.
 */
#ifndef CLAW_PATHS_H
#define CLAW_PATHS_H

#include <stdbool.h>

/*
 * Lexical normalisation: drop "." and empty components, let ".." remove
 * the previous component ("/.." is "/").  NULL when path is not absolute.
 */
char *claw_path_normalize(const char *path);

/* path made absolute against cwd (when relative), then normalised. */
char *claw_path_absolute(const char *path, const char *cwd);

/*
 * Resolve symbolic links the way the kernel walks a path: component by
 * component, ".." physical, links spliced in (at most 40).  Where a
 * component does not exist the rest is appended lexically.  NULL for a
 * relative path or a symlink loop.
 */
char *claw_path_resolve(const char *path);

/*
 * claw_path_resolve(), calling on_link(ctx, at, text) for every symbolic
 * link met on the way: at is where the link lies (its directory already
 * resolved), text what it says.
 */
typedef void claw_path_link_fn(void *ctx, const char *at, const char *text);
char *claw_path_resolve_links(const char *path, claw_path_link_fn *on_link,
    void *ctx);

/* path equals dir or lies beneath it, by component ("/a/bc" is not in "/a/b"). */
bool claw_path_within(const char *path, const char *dir);

/* anc is a strict ancestor of path. */
bool claw_path_is_ancestor(const char *anc, const char *path);

/* The current directory as an owned string; NULL on failure (errno set). */
char *claw_getcwd(void);

#endif
