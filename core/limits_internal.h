/* limits_internal.h - resolving caller-supplied limits (see dossier/loader.h). */
#ifndef DOSSIER_LIMITS_INTERNAL_H
#define DOSSIER_LIMITS_INTERNAL_H

#include "dossier/loader.h"

/* The defaults, with every member of this library's struct set. */
dossier_limits dossier_limits_default(void);

/* The limits to use: the defaults, overridden by the members of `user` that
 * its struct_size covers. `user` may be NULL. */
dossier_limits dossier_limits_resolve(const dossier_limits *user);

#endif
